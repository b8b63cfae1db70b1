from django.urls import path

from . import views

urlpatterns = [
    path("sap-xep-don-vi/", views.reorganise, name="reorganise"),
    path("sap-xep-don-vi/mau.xlsx", views.reorganise_template, name="reorganise-template"),
    path("sap-xep-don-vi/<int:reorg_id>/trang-thai/", views.reorganise_status, name="reorganise-status"),
    path("sap-xep-don-vi/<int:reorg_id>/hoan-tac/", views.reorganise_revert, name="reorganise-revert"),
    path("don-vi/tim/", views.unit_search, name="unit-search"),
]
