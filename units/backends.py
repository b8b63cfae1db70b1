"""Admins are staff users (DESIGN.md §4): staff may manage the product's data in the admin.

Without this, a staff user who is not a superuser would see an empty admin
until someone hands out dozens of model permissions. Superusers keep all
permissions through Django's own ModelBackend; other users get model
permissions only as Django assigns them.
"""

from django.contrib.auth.backends import ModelBackend

# Apps whose data an admin configures: the product's own, users and the beat schedule.
ADMIN_APPS = {"units", "resolutions", "indicators", "reports", "auth", "django_celery_beat"}


class StaffAdminBackend(ModelBackend):
    """Grants active staff every permission on ADMIN_APPS; authenticates nobody itself."""

    def authenticate(self, request, **credentials):
        return None  # ModelBackend signs people in; this backend only answers permission questions

    def has_perm(self, user_obj, perm, obj=None):
        return bool(user_obj.is_active and user_obj.is_staff and perm.split(".", 1)[0] in ADMIN_APPS)

    def has_module_perms(self, user_obj, app_label):
        return bool(user_obj.is_active and user_obj.is_staff and app_label in ADMIN_APPS)
