"""1.3, 1.14 and the Table 2 totals are worked out from inputs, whatever the input claims."""

from decimal import Decimal

from plan_schema.funding import Funding


def test_total_funding_adds_every_source_including_dip_carry_forward() -> None:
    funding = Funding.model_validate(
        {
            "table_1": [
                {
                    "year": "2008/09",
                    "smptb_allocation": "1000",
                    "young_peoples_allocation": "100",
                    "smptb_underspend_carried_forward": "1",
                    "dip_main_grant": "200",
                    "dip_carry_forward": "4",
                    "police": "10",
                    "pct_mainstream": "20",
                    "social_services": "30",
                    "probation": "40",
                    "supporting_people": "50",
                    "other": "60",
                    "dh_tier_4_capital": "70",
                    "total": "5",
                }
            ]
        }
    )

    column = funding.table_1[0]
    assert column.smptb_adult == Decimal("900.00")
    assert column.total == Decimal("1385.00")


def test_table_2_totals_add_up_by_row_column_and_in_n15() -> None:
    rows = [{"category": f"Category {n}", "police": "1.10", "pct_mainstream": "2.01"} for n in range(10)]

    funding = Funding.model_validate({"table_2": rows})

    assert funding.table_2[0].total == Decimal("3.11")
    assert funding.table_2_totals.police == Decimal("11.00")
    assert funding.table_2_totals.pct_mainstream == Decimal("20.10")
    assert funding.table_2_totals.total == Decimal("31.10")
