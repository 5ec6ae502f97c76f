"""The four parts as one registry: their models, defaults and JSON Schemas."""

from typing import Any

from pydantic import BaseModel

from plan_schema.funding import Funding
from plan_schema.planning_grids import PlanningGrids
from plan_schema.strategic_summary import StrategicSummary
from plan_schema.targets import Targets
from plan_schema.vocabulary import PART_TITLES, TEMPLATE_VERSION, PartName

PART_MODELS: dict[PartName, type[BaseModel]] = {
    PartName.STRATEGIC_SUMMARY: StrategicSummary,
    PartName.TARGETS: Targets,
    PartName.PLANNING_GRIDS: PlanningGrids,
    PartName.FUNDING: Funding,
}


def empty_part(part: PartName) -> BaseModel:
    """The document a new plan starts with for a part."""
    return PART_MODELS[part]()


def parse_part(part: PartName, document: Any) -> BaseModel:
    """Validate a JSON document as a part; raises pydantic.ValidationError."""
    return PART_MODELS[part].model_validate(document)


def part_json_schema(part: PartName) -> dict[str, Any]:
    """JSON Schema (2020-12) of a part, with its template version and title."""
    schema = PART_MODELS[part].model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"urn:adtp:{TEMPLATE_VERSION}:{part.value}"
    schema["title"] = PART_TITLES[part]
    schema["x-template-version"] = TEMPLATE_VERSION
    return schema
