"""Outgoing mail through an outbox table.

A service queues a mail with :func:`booking.notifications.services.queue_mail` in the same
transaction as the change it reports, so a rolled-back change never sends mail and a failed
delivery never loses the change. The sender delivers committed messages later.
"""
