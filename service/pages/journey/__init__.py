"""Pages of the journey: check your answers and submitting, attachments, the panel's review and
comments, the differences between submissions, and the agreed targets.
"""
