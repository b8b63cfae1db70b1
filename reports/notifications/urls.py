"""/thong-bao/: the bell's list, opening one, marking read, the preferences."""

from django.urls import path

from . import views

urlpatterns = [
    path("thong-bao/", views.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/mo/", views.notification_open, name="notification-open"),
    path("thong-bao/da-doc/", views.notification_mark_read, name="notifications-read"),
    path("thong-bao/cai-dat/", views.notification_settings, name="notification-settings"),
    path("theo-doi/tinh-hinh-bao-cao/nhac/", views.remind, name="completeness-remind"),
]
