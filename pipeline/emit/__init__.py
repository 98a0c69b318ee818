"""Emitters: the only code that writes outputs, always atomically into the outbox."""
