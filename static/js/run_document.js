/* The Báo cáo page: the document fields follow the issuing unit; the format list follows the kind.
 * Written here (no inline script: the Content-Security-Policy allows scripts from this site only). */
// The document fields follow the issuing unit of the chosen resolution and unit, unless typed in;
// the format list offers what the chosen kind can be written as.
(function () {
  var form = document.getElementById("run-form"), box = document.getElementById("doc-fields");
  if (!form || !box) return;
  var kindFormats = JSON.parse(box.getAttribute("data-kind-formats") || "{}");
  var names = ["place", "authority", "signer_title", "signer", "recipients"];
  names.forEach(function (n) {
    form.elements[n].addEventListener("input", function () { this.dataset.typed = "1"; });
  });
  function refresh() {
    var q = "?resolution=" + encodeURIComponent(form.elements.resolution.value) + "&unit=" + encodeURIComponent(form.elements.unit.value);
    fetch(box.dataset.url + q, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
      if (!d) return;
      names.forEach(function (n) { var el = form.elements[n]; if (!el.dataset.typed) { el.value = d[n] || ""; } });
      document.getElementById("doc-issuer").textContent = d.issuer || "—";
      document.getElementById("doc-number-text").textContent = d.number_text || "";
      document.getElementById("doc-derived").hidden = !d.derived;
    });
  }
  function formats() {
    var allowed = kindFormats[form.elements.kind.value] || [];
    Array.prototype.forEach.call(form.elements.format.options, function (o) {
      o.hidden = o.disabled = !!o.value && allowed.indexOf(o.value) < 0;
      if (o.disabled && o.selected) { form.elements.format.value = ""; }
    });
  }
  form.elements.resolution.addEventListener("change", refresh);
  form.elements.unit.addEventListener("change", refresh);
  form.elements.kind.addEventListener("change", formats);
  formats();
})();
