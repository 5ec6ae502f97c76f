"""Pages of authoring: the start page, a plan's task list, and each part's page and form."""
