"""Bookings: requests for a room, their occurrences (one per concrete slot), approval,
cancellation, recurrence, the no-overlap invariant and the room waitlist.

The service functions pages, the API and jobs call (all take the acting user and ``now``
where they act, flush and never commit; errors are ``booking.errors`` DomainErrors):

- ``services.create_booking(actor, room, starts_at, ends_at, *, title, now, purpose=None,
  expected_attendees=None, public=False, organisation=None, recurrence=None,
  book_free_dates_only=False, allocated=False) -> BookingResult`` (booking, occurrences, skipped
  dates); ``services.BOOKING_GUARDS``: checks other features add to direct bookings
- ``rules.local_slot(day, start, end) -> (starts_at, ends_at)``: wall-clock input to UTC
- ``services.get_booking(actor, booking_id)``, ``services.get_room(room_id)``
- ``changes.cancel_booking / cancel_occurrence / cancel_following / cancel_occurrences``,
  ``changes.move_occurrence``, ``changes.update_booking``
- ``approval.approval_queue(actor, *, location, day, organisation)``,
  ``approval.approve_booking / approve_bookings / reject_booking``
- ``waitlist.join_waitlist / withdraw / accept_offer / expire_offers / entries_for``
- ``availability.busy_intervals(rooms, starts_at, ends_at, *, viewer)``,
  ``availability.free_rooms(starts_at, ends_at, *, people, equipment, location)`` (reads only)
- ``searches.search_free_rooms(starts_at, ends_at, *, now, people, equipment, location)``: the
  free-room search of a page or the API; a search that finds nothing is logged anonymously
  (``searches.record_search``) for the "empty searches" figure
- ``queries.bookings_of_user / bookings_of_organisation``
- ``permissions.can_view_private / can_view_details / can_change / can_decide / can_book``
- ``mail.send_reminders(now)``; CLI ``flask bookings expire-offers | send-reminders``
"""
