"""API routes of the journey: submissions, attachments, the panel's review, sign-off, publication."""
