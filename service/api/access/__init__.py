"""API routes of access: tokens, the caller, accounts."""
