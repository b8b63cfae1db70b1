/* "Sắp xếp đơn vị": unit codes suggested while typing (/don-vi/tim/), rows added, the apply's progress.
 * Written here, no library. The rules are the server's (units.reorganisation): nothing is judged here. */
(function () {
  var form = document.getElementById("reorg-form");
  if (form) {
    var list = document.getElementById("unit-codes");
    var url = form.getAttribute("data-search-url");
    var timer = null, asked = 0;
    form.addEventListener("input", function (ev) {
      var input = ev.target;
      if (!input.hasAttribute("data-unit-search")) return;
      var q = input.value.trim();
      if (q.length < 2) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var mine = ++asked;
        var day = form.querySelector("[name=effective_on]").value;
        fetch(url + "?q=" + encodeURIComponent(q) + (day ? "&day=" + day : ""), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {results: []}; })
          .then(function (data) {
            if (mine !== asked) return;
            list.innerHTML = "";
            data.results.forEach(function (u) {
              var opt = document.createElement("option");
              opt.value = u.code;
              opt.label = u.name + (u.ancestors.length ? " — " + u.ancestors.join(" › ") : "");
              opt.textContent = opt.label;
              list.appendChild(opt);
            });
          });
      }, 250);
    });
    var add = form.querySelector("[data-add-row]");
    if (add) add.addEventListener("click", function () {
      var body = form.querySelector(".reorg-rows tbody");
      var last = body.rows[body.rows.length - 1];
      var n = parseInt(last.cells[0].textContent, 10) + 1;
      var row = last.cloneNode(true);
      row.cells[0].textContent = n;
      row.querySelectorAll("input, select").forEach(function (el) {
        el.name = el.name.replace(/-\d+$/, "-" + n);
        el.value = "";
        if (el.getAttribute("aria-label")) el.setAttribute("aria-label", el.getAttribute("aria-label").replace(/\d+$/, n));
      });
      body.appendChild(row);
    });
  }
  var box = document.getElementById("reorg-progress");
  if (box) {
    var statusUrl = box.getAttribute("data-status-url");
    var poll = function () {
      fetch(statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
        box.querySelector("[data-label]").textContent = s.label;
        var bar = box.querySelector("[data-bar]");
        if (s.status === "applied") {
          bar.value = 100;
          // The sentence is the template's (data-done-text, translated), its {name} filled in from the status.
          box.querySelector("[data-detail]").textContent = (box.getAttribute("data-done-text") || "").replace(
            /\{(\w+)\}/g, function (m, name) { return String(s[name]); });
          return;
        }
        if (s.status === "failed") {
          box.querySelector("[data-detail]").textContent = s.error;
          return;
        }
        if (s.total) bar.value = Math.round(100 * s.done / s.total);
        setTimeout(poll, 1500);
      });
    };
    poll();
  }
})();
