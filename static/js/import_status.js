// A large Excel upload's page: show the worker's progress; reload when it has finished.
(function () {
  var box = document.getElementById("import-run");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  function tick() {
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
      if (!s) { setTimeout(tick, 5000); return; }
      if (s.status !== "queued" && s.status !== "running") { window.location.reload(); return; }
      var phase = document.getElementById("import-phase");
      if (phase) phase.textContent = s.phase + (s.rows_total ? ": " + s.rows_done + "/" + s.rows_total + " dòng" : "");
      var bar = document.getElementById("import-progress");
      if (bar && s.rows_total) { bar.max = s.rows_total; bar.value = s.rows_done; }
      setTimeout(tick, 1500);
    }).catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1000);
})();
