"""How large a page's form may be: sized by the largest one, a Part 3 grid with every objective and action.

Starlette refuses a form of over 1,000 fields, and a grid of eight objectives of twenty actions already
posts more. The limits here let through every grid the schema allows, and no more.
"""

from plan_schema.planning_grids import MAX_ACTIONS_PER_OBJECTIVE, MAX_OBJECTIVES_PER_GRID
from service.pages.planning.planning_grids_form import ACTION_FIELDS, OBJECTIVE_FIELDS

# csrf_token, version, conflicts (the choices a conflict page offers) and the button pressed.
HIDDEN_FIELDS = 4
GRID_FIELDS = 2  # title and key priorities
MAX_FORM_FIELDS = HIDDEN_FIELDS + (
    GRID_FIELDS + MAX_OBJECTIVES_PER_GRID * (len(OBJECTIVE_FIELDS) + MAX_ACTIONS_PER_OBJECTIVE * len(ACTION_FIELDS))
)
# The largest grid posts about 0.4 MB before any text is typed: 8,200 field names. The rest leaves room
# for the 2 MB of text the API takes for the whole part (all of it may be in one grid), url-encoded, and
# for a conflict page's choices, which may name every field again with both values.
MAX_FORM_BYTES = 24 * 1024 * 1024
# `conflicts` alone may be half the form, so one field may be as large as the form (Starlette's max_part_size).
MAX_FIELD_BYTES = MAX_FORM_BYTES
