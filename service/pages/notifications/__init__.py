"""Pages of notifications: a user's choice of how often they get emails."""
