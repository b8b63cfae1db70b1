// The "Báo cáo" page: poll the status of queued/running runs; reload the page when one finishes.
(function () {
  var script = document.currentScript;
  var base = script && script.getAttribute("data-status-url");
  var table = document.getElementById("runs");
  var ids = (table && table.dataset.pending || "").split(",").filter(Boolean);
  if (!ids.length || !base) return;
  function tick() {
    Promise.all(ids.map(function (id) {
      return fetch(base.replace("/0/", "/" + id + "/"), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : null; });
    })).then(function (rows) {
      var changed = rows.some(function (r) {
        var tr = r && document.getElementById("run-" + r.id);
        return tr && tr.dataset.status !== r.status;
      });
      if (changed) { window.location.reload(); } else { setTimeout(tick, 2000); }
    }).catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1500);
})();
