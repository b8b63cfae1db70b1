"""/giam-sat/: supervisions, visits, findings, recommendations and task follow-up."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.supervision_list, name="supervision-list"),
    path("<int:pk>/", views.supervision_detail, name="supervision-detail"),
    path("buoi/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("buoi/<int:pk>/nhan-xet/them/", views.finding_create, name="finding-create"),
    path("buoi/<int:pk>/kien-nghi/them/", views.recommendation_create, name="recommendation-create"),
    path("theo-doi-kien-nghi/", views.followup, name="recommendation-followup"),
    path("nhiem-vu/nghi-quyet/<int:pk>/", views.resolution_task_list, name="resolution-tasks"),
    path("nhiem-vu/<int:pk>/cap-nhat/", views.task_update, name="task-update"),
]
