"""Telling people: the outbox of emails and their delivery, deadlines as obligations, reminders, digests.

Other domains enqueue messages (`outbox.enqueue`) inside their own transaction; the background runner
delivers them, never a request. Obligations are worked out from the plans, submissions and returns;
only the messages sent about them are stored.

May import: service.returns, service.journey, service.planning, service.access, service.tables,
service.platform, plan_schema.
"""
