from django.urls import path

from . import views

urlpatterns = [
    path("ky-bao-cao/", views.periods, name="periods"),
    path("cho-duyet/", views.approval_queue, name="approval_queue"),
    path("cho-duyet/duyet/", views.approve_many, name="approve_many"),
    path("don-vi/chon/", views.pick_unit, name="pick_unit"),
    path("ky-bao-cao/<str:code>/khoa-so/", views.period_lock, name="period_lock"),
    path("ky-bao-cao/<str:code>/<int:unit_id>/", views.entry_form, name="entry"),
    path("ky-bao-cao/<str:code>/<int:unit_id>/truc-thuoc/", views.children_grid, name="entry_children"),
    path(
        "ky-bao-cao/<str:code>/<int:unit_id>/<str:action>/",
        views.submission_action,
        name="submission_action",
    ),
    path("so-lieu/kiem-tra/", views.check_figures, name="check_figures"),
    path("so-lieu/luu-tu-dong/", views.autosave_row, name="autosave_row"),
    path("so-lieu/<int:value_id>/lich-su/", views.history, name="value_history"),
    path("minh-chung/<int:evidence_id>/", views.evidence_file, name="evidence"),
]
