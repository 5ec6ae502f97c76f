"""The JSON Schema of each part and the OpenAPI document are published."""

import pytest
from fastapi.testclient import TestClient

from plan_schema.parts import part_json_schema
from plan_schema.vocabulary import PartName


@pytest.mark.parametrize("part", list(PartName))
def test_each_part_publishes_the_schema_generated_from_plan_schema(client: TestClient, part: PartName) -> None:
    response = client.get(f"/api/v1/schema/{part.value}")

    assert response.status_code == 200
    assert response.json() == part_json_schema(part)
    assert response.json()["additionalProperties"] is False


def test_computed_funding_figures_are_read_only_in_the_schema(client: TestClient) -> None:
    schema = client.get("/api/v1/schema/funding").json()

    assert schema["$defs"]["FundingYear"]["properties"]["total"]["readOnly"] is True
    as_text, as_number = schema["$defs"]["FundingYear"]["properties"]["police"]["anyOf"]
    assert as_text["pattern"] == r"^0*(1000000000(\.0{1,2})?|\d{1,9}(\.\d{1,2})?)$"
    assert as_number["maximum"] == 1_000_000_000


def test_an_unknown_schema_names_the_parameter(client: TestClient) -> None:
    response = client.get("/api/v1/schema/part-9")

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "part"


def test_openapi_describes_every_part_as_its_own_resource(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()

    assert document["openapi"].startswith("3.1")
    for part in PartName:
        operations = document["paths"][f"/api/v1/plans/{{plan_id}}/parts/{part.value}"]
        assert set(operations) == {"get", "put"}


def test_openapi_requires_if_match_on_every_part_write(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()

    for part in PartName:
        operation = document["paths"][f"/api/v1/plans/{{plan_id}}/parts/{part.value}"]["put"]
        if_match = next(parameter for parameter in operation["parameters"] if parameter["name"] == "if-match")
        assert if_match["required"] is True
        assert {"412", "428"} <= set(operation["responses"])


def test_openapi_states_page_size_cap_and_problem_answers(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()

    operation = document["paths"]["/api/v1/plans"]["get"]
    page_size = next(parameter for parameter in operation["parameters"] if parameter["name"] == "page_size")
    assert page_size["schema"]["anyOf"][0]["maximum"] == 100
    assert set(operation["responses"]) == {"200", "401", "422"}
    problem = operation["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
