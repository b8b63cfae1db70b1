import os

from django.core.asgi import get_asgi_application

from config.server import settle_heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()
settle_heap()  # the loaded application is never garbage: no full collection scans it mid-request
