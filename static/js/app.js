// Loaded in <head>, before the page is drawn: mark that scripts run, so the CSS can fold the menu
// on narrow screens without a flash (without scripts the menu stays open).
document.documentElement.className += " js";

// Behaviour shared by every page, without inline scripts (the Content-Security-Policy allows none):
// - <select data-autosubmit> / <input data-autosubmit>: changing it submits its form;
// - <button data-confirm="…">: asks before submitting.
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el && el.hasAttribute && el.hasAttribute("data-autosubmit") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var el = event.target && event.target.closest ? event.target.closest("[data-confirm]") : null;
  if (el && !window.confirm(el.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
