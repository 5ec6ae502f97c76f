"""Pages of one's own account that work before sign-in: setting a password through a link, asking for a reset."""
