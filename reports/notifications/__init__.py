"""Telling people: notifications in the app and by e-mail, their preferences, the bell in the header
(services, views, urls, context_processors, tasks). Lower apps never import it: they send signals."""
