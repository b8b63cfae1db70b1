/* Live preview beside each row of the entry form and of the children grid. Written here, no library.
 *
 * The figures are not judged here: they go to the server's rule (indicators.rules.validate_figures,
 * through /so-lieu/kiem-tra/, the same function the save, the API and the Excel import use), and
 * the preview shows what the save would give: the value ("22,22%", "1.937 máy", "Có") or the
 * Vietnamese message ("Số lượng: phải là số nguyên.", "…: không được là số âm."), never a value
 * the server would then refuse.
 */
(function () {
  var FIELDS = ["numerator", "denominator"];

  function setup(form) {
    var url = form.getAttribute("data-check-url");
    form.querySelectorAll("tr[data-indicator]").forEach(function (row) {
      var out = row.querySelector("output[data-live]");
      var num = row.querySelector("[name^='n-']");
      var den = row.querySelector("[name^='d-']");
      if (!out || !num || num.disabled || num.readOnly) return;
      var inputs = { numerator: num, denominator: den };
      var timer = null;
      var asked = 0;

      function show(text, field) {
        out.textContent = text;
        out.classList.toggle("field-error", !!field);
        FIELDS.forEach(function (name) {
          var el = inputs[name];
          if (el && el.tagName === "INPUT") el.classList.toggle("invalid", name === field);
        });
      }

      function check() {
        var mine = ++asked;
        var query = "?chi_tieu=" + encodeURIComponent(row.getAttribute("data-indicator")) +
          "&n=" + encodeURIComponent(num.value) + (den ? "&d=" + encodeURIComponent(den.value) : "");
        fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) {
            if (!r.ok) throw new Error(String(r.status));
            return r.json();
          })
          .then(function (data) {
            if (mine !== asked) return; // a later keystroke has been sent meanwhile
            if (data.ok) show(data.text, null);
            else show(data.message, data.field === "denominator" ? "denominator" : "numerator");
          })
          .catch(function () {
            if (mine === asked) show("—", null); // no answer: the save still checks everything
          });
      }

      function later() {
        clearTimeout(timer);
        timer = setTimeout(check, 250);
      }

      [num, den].forEach(function (el) {
        if (!el) return;
        el.addEventListener("input", later);
        el.addEventListener("change", later);
      });
      // A refused form comes back with what was typed: preview that, not the stored value.
      if (row.classList.contains("has-error")) check();
    });
  }

  document.querySelectorAll("form[data-check-url]").forEach(setup);
})();
