"""Capped pagination for every list."""

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from service.platform.errors import InvalidInput


@dataclass(frozen=True)
class PageRequest:
    """Which slice of a list the client asked for."""

    page: int
    page_size: int

    @classmethod
    def checked(cls, page: int, page_size: int | None, *, default: int, cap: int) -> "PageRequest":
        """A page request, or a 422 naming page_size when it is over the cap."""
        if page_size is not None and page_size > cap:
            detail = f"must be at most {cap}"
            errors = [{"parameter": "page_size", "in": "query", "detail": detail}]
            raise InvalidInput(f"page_size: {detail}", errors=errors)
        return cls(page=page, page_size=page_size or default)

    @property
    def offset(self) -> int:
        """Rows to skip."""
        return (self.page - 1) * self.page_size


Item = TypeVar("Item", bound=BaseModel)


class Page(BaseModel, Generic[Item]):
    """A page of a list, with the total so clients know when to stop."""

    items: list[Item]
    page: int
    page_size: int
    total: int
