"""The desktop agent: watches attention, queues it durably on the device, syncs it."""
