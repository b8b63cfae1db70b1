/* A date picker for <input data-date-picker> in dd/mm/yyyy (DESIGN.md §6), Vietnamese week (T2 … CN).
 * The input stays a text box the user may type into; the server reads and checks it. The browser's
 * type=date is not used: an English Chromium shows it as mm/dd/yyyy. Written here, no library. */
(function () {
  function T(k) { return window.uiText ? window.uiText(k) : k; }
  var seq = 0;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fmt(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function parse(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    if (!m) return null;
    var d = new Date(+m[3], +m[2] - 1, +m[1]);
    return d.getDate() === +m[1] && d.getMonth() === +m[2] - 1 ? d : null;
  }

  function enhance(input) {
    var id = ++seq;
    var wrap = document.createElement("span");
    wrap.className = "date-picker";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn date-button";
    button.setAttribute("aria-label", T("pick_date"));
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">' +
      '<path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 ' +
      '1-1h3V2Zm12 8H5v9h14v-9ZM7 12h3v3H7v-3Z"/></svg>';
    wrap.appendChild(button);
    var pop = document.createElement("div");
    pop.className = "date-pop";
    pop.id = "date-pop-" + id;
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", T("pick_date"));
    pop.hidden = true;
    wrap.appendChild(pop);
    button.setAttribute("aria-controls", pop.id);
    var shown = null, focusDay = null;

    function close(back) {
      pop.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (back) button.focus();
    }

    function draw() {
      pop.innerHTML = "";
      var head = document.createElement("div");
      head.className = "date-head";
      var prev = document.createElement("button");
      prev.type = "button"; prev.className = "btn btn-small"; prev.textContent = "‹";
      prev.setAttribute("aria-label", T("prev_month"));
      var next = document.createElement("button");
      next.type = "button"; next.className = "btn btn-small"; next.textContent = "›";
      next.setAttribute("aria-label", T("next_month"));
      var title = document.createElement("span");
      title.className = "date-title";
      title.setAttribute("aria-live", "polite");
      title.textContent = T("month") + " " + (shown.getMonth() + 1) + "/" + shown.getFullYear();
      prev.addEventListener("click", function () { shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1); focusDay = shown; draw(); });
      next.addEventListener("click", function () { shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1); focusDay = shown; draw(); });
      head.appendChild(prev); head.appendChild(title); head.appendChild(next);
      pop.appendChild(head);
      var grid = document.createElement("table");
      grid.className = "date-grid";
      grid.setAttribute("role", "grid");
      var tr = document.createElement("tr");
      T("weekdays").split(",").forEach(function (w) {
        var th = document.createElement("th"); th.textContent = w; th.setAttribute("scope", "col"); tr.appendChild(th);
      });
      var thead = document.createElement("thead"); thead.appendChild(tr); grid.appendChild(thead);
      var body = document.createElement("tbody");
      var first = new Date(shown.getFullYear(), shown.getMonth(), 1);
      var offset = (first.getDay() + 6) % 7; // Monday first
      var days = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      var chosen = parse(input.value);
      var row = document.createElement("tr");
      for (var i = 0; i < offset; i++) row.appendChild(document.createElement("td"));
      var target = null;
      for (var d = 1; d <= days; d++) {
        var day = new Date(shown.getFullYear(), shown.getMonth(), d);
        var td = document.createElement("td");
        var b = document.createElement("button");
        b.type = "button"; b.className = "date-day"; b.textContent = d;
        b.setAttribute("aria-label", fmt(day));
        b.tabIndex = -1;
        if (chosen && +chosen === +day) b.setAttribute("aria-pressed", "true");
        if (focusDay && focusDay.getDate() === d && focusDay.getMonth() === shown.getMonth()) target = b;
        (function (value) {
          b.addEventListener("click", function () {
            input.value = fmt(value);
            input.dispatchEvent(new Event("change", { bubbles: true }));
            close(true);
          });
        })(day);
        td.appendChild(b);
        row.appendChild(td);
        if ((offset + d) % 7 === 0) { body.appendChild(row); row = document.createElement("tr"); }
      }
      if (row.children.length) body.appendChild(row);
      grid.appendChild(body);
      pop.appendChild(grid);
      var close_ = document.createElement("button");
      close_.type = "button"; close_.className = "btn btn-small"; close_.textContent = T("close");
      close_.addEventListener("click", function () { close(true); });
      pop.appendChild(close_);
      target = target || pop.querySelector(".date-day");
      target.tabIndex = 0;
      target.focus();
    }

    pop.addEventListener("keydown", function (ev) {
      var steps = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (ev.key === "Escape") { ev.preventDefault(); close(true); return; }
      if (!(ev.key in steps) || !ev.target.classList.contains("date-day")) return;
      ev.preventDefault();
      var now = new Date(shown.getFullYear(), shown.getMonth(), +ev.target.textContent + steps[ev.key]);
      shown = new Date(now.getFullYear(), now.getMonth(), 1);
      focusDay = now;
      draw();
    });
    button.addEventListener("click", function () {
      if (!pop.hidden) { close(false); return; }
      var base = parse(input.value) || new Date();
      shown = new Date(base.getFullYear(), base.getMonth(), 1);
      focusDay = base;
      pop.hidden = false;
      button.setAttribute("aria-expanded", "true");
      draw();
    });
    document.addEventListener("click", function (ev) { if (!wrap.contains(ev.target)) close(false); });
    input.addEventListener("change", function () {
      var ok = !input.value.trim() || parse(input.value);
      input.setCustomValidity(ok ? "" : T("bad_date"));
    });
  }

  document.querySelectorAll("input[data-date-picker]").forEach(enhance);
})();
