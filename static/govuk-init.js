// GOV.UK Frontend's components, started in browsers that support ES modules; everything works without it.
import { initAll } from '../govuk-frontend.min.js'

initAll()
