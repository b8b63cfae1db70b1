/* The unit picker (units/widgets.py): a <select data-unit-picker> becomes a search box (ARIA combobox).
 * Type part of a name or a code; each result shows the units above it. Arrow keys, Enter, Escape; a tap.
 * With data-search-url it asks the server (/don-vi/tim/: the user's scope, units active on the chosen
 * period's last day); otherwise it searches the select's own options. The select stays in the form and
 * carries the value; the server checks it again. Written here, no library. */
(function () {
  function T(k) { return window.uiText ? window.uiText(k) : k; }
  var LIMIT = 20;
  var seq = 0;

  function fold(text) {
    return (text || "").toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function clean(text) { return (text || "").replace(/^[\s\u2003—–-]+/, "").trim(); }

  function enhance(select) {
    if (select.getAttribute("data-enhanced")) return;
    select.setAttribute("data-enhanced", "1");
    var id = ++seq;
    var url = select.getAttribute("data-search-url");
    var box = document.createElement("div");
    box.className = "unit-picker-box";
    var input = document.createElement("input");
    input.type = "text";
    input.className = "unit-picker-input";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    input.placeholder = T("search_unit");
    var list = document.createElement("ul");
    list.className = "unit-picker-list";
    list.id = "unit-picker-list-" + id;
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("aria-live", "polite");
    // The select's label now names the search box.
    if (select.id) {
      input.id = select.id;
      select.id = select.id + "-select";
    }
    if (select.getAttribute("aria-label")) input.setAttribute("aria-label", select.getAttribute("aria-label"));
    if (select.required) input.required = true;
    select.parentNode.insertBefore(box, select);
    box.appendChild(input);
    box.appendChild(list);
    box.appendChild(live);
    box.appendChild(select);
    select.hidden = true;
    select.tabIndex = -1;
    select.required = false;

    var results = [], active = -1, asked = 0, timer = null;

    function selectedText() {
      var opt = select.options[select.selectedIndex];
      return opt && opt.value ? clean(opt.textContent) : "";
    }
    input.value = selectedText();

    function emptyOption() {
      for (var i = 0; i < select.options.length; i++) if (select.options[i].value === "") return select.options[i];
      return null;
    }

    function day() {
      var src = select.getAttribute("data-day-source");
      if (src) {
        var el = document.querySelector(src);
        var opt = el && el.options ? el.options[el.selectedIndex] : null;
        if (opt && opt.getAttribute("data-day")) return opt.getAttribute("data-day");
      }
      return select.getAttribute("data-day") || "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render(items, note) {
      results = items;
      list.innerHTML = "";
      items.forEach(function (u, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.className = "unit-picker-option";
        var name = document.createElement("span");
        name.className = "unit-picker-name";
        name.textContent = u.name + (u.code ? " (" + u.code + ")" : "");
        li.appendChild(name);
        if (u.path) {
          var path = document.createElement("span");
          path.className = "unit-picker-path";
          path.textContent = u.path;
          li.appendChild(path);
        }
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      if (!items.length) {
        var li = document.createElement("li");
        li.className = "unit-picker-empty";
        li.textContent = note || T("no_results");
        list.appendChild(li);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      live.textContent = items.length ? items.length + " " + T("results") : (note || T("no_results"));
      move(items.length ? 0 : -1);
    }

    function move(i) {
      var nodes = list.querySelectorAll("[role=option]");
      nodes.forEach(function (n) { n.setAttribute("aria-selected", "false"); n.classList.remove("active"); });
      active = i;
      if (i >= 0 && nodes[i]) {
        nodes[i].setAttribute("aria-selected", "true");
        nodes[i].classList.add("active");
        input.setAttribute("aria-activedescendant", nodes[i].id);
        nodes[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(i) {
      var u = results[i];
      if (!u) return;
      var opt = null;
      for (var k = 0; k < select.options.length; k++) if (select.options[k].value === String(u.id)) opt = select.options[k];
      if (!opt) {
        opt = document.createElement("option");
        opt.value = u.id;
        opt.textContent = u.name;
        select.appendChild(opt);
      }
      select.value = String(u.id);
      input.value = u.id === "" ? "" : u.name;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function localSearch(q) {
      var words = fold(q).split(/\s+/).filter(Boolean);
      var out = [];
      var empty = emptyOption();
      if (!words.length && empty) out.push({ id: "", name: clean(empty.textContent), code: "", path: "" });
      for (var i = 0; i < select.options.length && out.length < LIMIT; i++) {
        var o = select.options[i];
        if (!o.value) continue;
        var text = fold(o.textContent + " " + (o.getAttribute("data-code") || ""));
        if (words.every(function (w) { return text.indexOf(w) >= 0; })) {
          out.push({ id: o.value, name: clean(o.textContent), code: o.getAttribute("data-code") || "",
                     path: o.getAttribute("data-path") || "" });
        }
      }
      render(out);
    }

    function remoteSearch(q) {
      if (q.length < 2) {
        var empty = emptyOption();
        render(empty ? [{ id: "", name: clean(empty.textContent), code: "", path: "" }] : [], T("type_to_search"));
        return;
      }
      var mine = ++asked;
      var query = "?q=" + encodeURIComponent(q) + (day() ? "&day=" + encodeURIComponent(day()) : "") +
        (select.getAttribute("data-roles") ? "&roles=" + encodeURIComponent(select.getAttribute("data-roles")) : "");
      fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== asked) return;
          render(data.results.map(function (u) {
            return { id: u.id, name: u.name, code: u.code, path: u.ancestors.join(" › ") };
          }));
        })
        .catch(function () { if (mine === asked) render([]); });
    }

    function search() {
      var q = input.value.trim();
      if (url) { clearTimeout(timer); timer = setTimeout(function () { remoteSearch(q); }, 200); }
      else localSearch(q);
    }

    input.addEventListener("input", search);
    input.addEventListener("focus", function () { if (!url) { input.select(); } });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        if (list.hidden) search(); else move(Math.min(active + 1, results.length - 1));
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        move(Math.max(active - 1, 0));
      } else if (ev.key === "Enter") {
        if (!list.hidden && active >= 0) { ev.preventDefault(); choose(active); }
      } else if (ev.key === "Escape") {
        if (!list.hidden) { ev.preventDefault(); close(); input.value = selectedText(); }
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(function () {
        close();
        if (!input.value.trim() && emptyOption() && select.value !== "") {
          select.value = "";
          select.dispatchEvent(new Event("change", { bubbles: true }));
        } else {
          input.value = selectedText();
        }
      }, 150);
    });
  }

  document.querySelectorAll("select[data-unit-picker]").forEach(enhance);
  window.enhanceUnitPickers = function (root) { (root || document).querySelectorAll("select[data-unit-picker]").forEach(enhance); };
})();
