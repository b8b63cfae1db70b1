import os

from django.core.wsgi import get_wsgi_application

from config.server import settle_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
settle_heap()  # the loaded application is never garbage: no full collection scans it mid-request
