"""Reference data: regions, partnerships with PCTs, cycles with the guidance's timetable."""

from fastapi.testclient import TestClient

from tests.conftest import Demo


def test_the_nine_english_regions_are_listed(client: TestClient, demo: Demo) -> None:
    regions = client.get("/api/v1/regions").json()

    assert regions["total"] == 9
    assert "Yorkshire and the Humber" in [region["name"] for region in regions["items"]]


def test_partnerships_can_be_listed_for_one_region_with_their_pcts(client: TestClient, demo: Demo) -> None:
    regions = {region["name"]: region["id"] for region in client.get("/api/v1/regions").json()["items"]}

    west_midlands = client.get("/api/v1/partnerships", params={"region_id": regions["West Midlands"]}).json()

    birmingham = next(p for p in west_midlands["items"] if p["name"] == "Birmingham Drug Action Team")
    assert all(p["region_id"] == regions["West Midlands"] for p in west_midlands["items"])
    assert len(birmingham["pcts"]) == 3


def test_the_demo_2008_09_cycle_has_the_guidance_timetable(client: TestClient, demo: Demo) -> None:
    cycle = client.get(f"/api/v1/cycles/{demo.last_year_cycle_id}").json()

    assert cycle["plan_year"] == "2008/09"
    assert cycle["previous_year"] == "2007/08"
    assert cycle["indicative_years"] == ["2009/10", "2010/11"]
    assert cycle["timetable"]["initial_submission_due"] == "2008-01-15"
    assert cycle["timetable"]["final_submission_due"] == "2008-03-15"
    assert cycle["timetable"]["sign_off_due"] == "2008-03-31"
    assert cycle["inflation_uplift_pct"] == "2.50"


def test_an_unknown_region_is_404(client: TestClient, demo: Demo) -> None:
    assert client.get("/api/v1/regions/9999").status_code == 404


def test_cycles_are_listed_newest_first(client: TestClient, demo: Demo) -> None:
    cycles = client.get("/api/v1/cycles").json()["items"]

    assert [cycle["id"] for cycle in cycles] == [demo.current_cycle_id, demo.last_year_cycle_id]
