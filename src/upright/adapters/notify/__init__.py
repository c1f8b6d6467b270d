"""Reminder channels: e-mail over SMTP, web push, and the calendar feed."""
