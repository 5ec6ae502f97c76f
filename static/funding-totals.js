// Live totals on the Part 4 form, as a convenience only: the service works every total out
// again on save (plan_schema/funding_totals.py is the one place they are defined), and the
// page works the same without this script.
const form = document.querySelector('form[action$="/funding"]')

function pence (input) {
  const text = (input ? input.value : '').replace(/[£,\s]/g, '')
  if (text === '') return 0n
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  return match ? BigInt(match[1]) * 100n + BigInt((match[2] || '').padEnd(2, '0')) : null
}

function sum (amounts) {
  return amounts.some((amount) => amount === null) ? null : amounts.reduce((a, b) => a + b, 0n)
}

// A total may be shown again elsewhere (a category's in the summary, 1.14 beside N15): its copies follow it.
function show (id, amount) {
  const pounds = amount === null ? null : (amount / 100n).toLocaleString('en-GB')
  for (const cell of document.querySelectorAll(`[data-computed="${id}"], [data-copy-of="${id}"]`)) {
    cell.textContent = amount === null ? '–' : `£${pounds}.${String(amount % 100n).padStart(2, '0')}`
  }
}

function recalculate () {
  const years = new Set([...form.querySelectorAll('input[data-year]')].map((input) => input.dataset.year))
  for (const year of years) {
    const cells = [...form.querySelectorAll(`input[data-year="${year}"]`)]
    const amount = (field) => pence(cells.find((input) => input.dataset.field === field))
    const adult = sum([amount('smptb_allocation'), amount('young_peoples_allocation') === null ? null : -amount('young_peoples_allocation')])
    const key = year.replace('/', '-')
    show(`table_1-${key}-smptb_adult`, adult)
    const others = cells.filter((input) => !['smptb_allocation', 'young_peoples_allocation'].includes(input.dataset.field))
    show(`table_1-${key}-total`, sum([adult, ...others.map(pence)]))
  }
  const cells = [...form.querySelectorAll('input[data-row]')]
  const rows = new Set(cells.map((input) => input.dataset.row))
  const fields = new Set(cells.map((input) => input.dataset.field))
  for (const row of rows) show(`table_2-${row}-total`, sum(cells.filter((input) => input.dataset.row === row).map(pence)))
  for (const field of fields) show(`table_2-total-${field}`, sum(cells.filter((input) => input.dataset.field === field).map(pence)))
  show('table_2-total-total', sum(cells.map(pence)))
}

if (form) form.addEventListener('input', recalculate)
