"""Routes for notifications: the caller's own preferences."""
