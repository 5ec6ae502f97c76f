"""A plan's journey once authored: submissions and their snapshots, attachments, the regional
panel's assessments and comments, what changed between submissions, sign-off, publication, the
agreed targets and baselines, where a plan is, and what each person is to do next. Each event is told to
those it concerns through service.notifications.events, in the event's own transaction.

May import: service.notifications.events, service.planning, service.access, service.documents, service.tables,
service.platform, plan_schema, validators.
"""
