// The drawing pad of org.mymnist.drawing.DrawingPad: draw a digit, see the network read it.
// The preparation (prepare) is DigitPreparation's arithmetic, step for step; the forward pass
// (forward) is Model.predict's, in float64. No network access: everything comes from the cell.
window.MyMnistPad = (function () {
  'use strict';
  // The words come from the library's bundles (data.words, org/mymnist/messages/messages_*.properties):
  // fill puts the values in place of {0}, {1}...
  const fill = (pattern, ...values) => pattern.replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)]));
  const BOX = 20, SIDE = 28;

  // --- DigitPreparation, step for step -----------------------------------------------------------
  function crop(p) {
    let left = p.width, right = -1, top = p.height, bottom = -1;
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        if (p.values[y * p.width + x] > 0) {
          if (x < left) left = x;
          if (x > right) right = x;
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
    }
    if (right < 0) return null;
    const w = right - left + 1, h = bottom - top + 1, v = new Float64Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) v[y * w + x] = p.values[(top + y) * p.width + left + x];
    }
    return { width: w, height: h, values: v, left, top };
  }
  const scaledSide = (side, longest) => Math.max(1, Math.floor(side * BOX / longest + 0.5));
  function scale(p) {
    const longest = Math.max(p.width, p.height);
    return resize(p, scaledSide(p.width, longest), scaledSide(p.height, longest));
  }
  function resize(p, tw, th) {
    const v = new Float64Array(tw * th);
    for (let ty = 0; ty < th; ty++) {
      const y0 = ty * p.height / th, y1 = (ty + 1) * p.height / th;
      for (let tx = 0; tx < tw; tx++) {
        const x0 = tx * p.width / tw, x1 = (tx + 1) * p.width / tw;
        let sum = 0;
        for (let sy = Math.floor(y0); sy < y1 && sy < p.height; sy++) {
          const oy = Math.min(y1, sy + 1) - Math.max(y0, sy);
          for (let sx = Math.floor(x0); sx < x1 && sx < p.width; sx++) {
            const ox = Math.min(x1, sx + 1) - Math.max(x0, sx);
            sum += p.values[sy * p.width + sx] * (ox * oy);
          }
        }
        v[ty * tw + tx] = Math.min(1.0, Math.max(0.0, sum / ((x1 - x0) * (y1 - y0))));
      }
    }
    return { width: tw, height: th, values: v };
  }
  const offset = (c, size) => Math.max(0, Math.min(SIDE - size, Math.floor((SIDE - 1) / 2 - c + 0.5)));
  function centre(p) {
    let mass = 0, mx = 0, my = 0;
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        const v = p.values[y * p.width + x];
        mass += v; mx += v * x; my += v * y;
      }
    }
    const out = new Float64Array(SIDE * SIDE);
    const left = offset(mass > 0 ? mx / mass : (p.width - 1) / 2, p.width);
    const top = offset(mass > 0 ? my / mass : (p.height - 1) / 2, p.height);
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) out[(top + y) * SIDE + left + x] = p.values[y * p.width + x];
    }
    return { width: SIDE, height: SIDE, values: out, left, top,
      cx: mass > 0 ? left + mx / mass : null, cy: mass > 0 ? top + my / mass : null };
  }
  function prepare(raw) {
    const c = crop(raw);
    if (c === null) return { raw, crop: null, scaled: null, input: { width: SIDE, height: SIDE, values: new Float64Array(SIDE * SIDE) } };
    const s = scale(c);
    return { raw, crop: c, scaled: s, input: centre(s) };
  }

  // --- Model.predict, in float64 --------------------------------------------------------------------
  function forward(model, input) {
    let x = model.float32 ? Float64Array.from(input, Math.fround) : Float64Array.from(input);
    for (const layer of model.layers) {
      const n = layer.inputN, m = layer.outputN, w = layer.weight, y = new Float64Array(m);
      // y_j = sum_i x_i W_ij, i in order (a zero x_i adds nothing, so it is skipped)
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        const row = i * m;
        for (let j = 0; j < m; j++) y[j] += xi * w[row + j];
      }
      if (layer.bias) for (let j = 0; j < m; j++) y[j] += layer.bias[j];
      if (layer.activation === 'sigmoid') {
        for (let j = 0; j < m; j++) y[j] = 1 / (1 + Math.exp(-y[j]));
      } else if (layer.activation === 'relu') {
        for (let j = 0; j < m; j++) y[j] = Math.max(0, y[j]);
      } else if (layer.activation === 'softmax') {
        let max = -Infinity, sum = 0;
        for (let j = 0; j < m; j++) max = Math.max(max, y[j]);
        for (let j = 0; j < m; j++) { y[j] = Math.exp(y[j] - max); sum += y[j]; }
        for (let j = 0; j < m; j++) y[j] /= sum;
      }
      x = y;
    }
    return x;
  }
  const argMax = (v) => { let k = 0; for (let i = 1; i < v.length; i++) if (v[i] > v[k]) k = i; return k; };

  function loadModel(data) {
    const f32 = data.dtype === 'float32';
    // Weights and biases: the base64 of their little-endian bytes (the typed arrays' order on every
    // browser's platform), float32 or float64, read back exactly.
    const numbers = (text) => {
      const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      return Float64Array.from(f32 ? new Float32Array(bytes.buffer) : new Float64Array(bytes.buffer));
    };
    return {
      float32: f32,
      layers: data.layers.map((l) => ({ inputN: l.inputN, outputN: l.outputN, activation: l.activation,
        weight: numbers(l.weight), bias: l.bias ? numbers(l.bias) : null })),
    };
  }

  function agreement(model, check) {
    const bytes = atob(check.levels);
    let same = 0, maxDiff = 0;
    const digits = [];
    for (let k = 0; k < check.count; k++) {
      const input = new Float64Array(784);
      for (let p = 0; p < 784; p++) input[p] = bytes.charCodeAt(k * 784 + p) / 255;
      const page = forward(model, input);
      const java = check.probabilities.slice(k * 10, k * 10 + 10);
      for (let j = 0; j < 10; j++) maxDiff = Math.max(maxDiff, Math.abs(page[j] - java[j]));
      if (argMax(page) === argMax(java)) same++;
      digits.push(argMax(page));
    }
    return { count: check.count, same, maxDiff, digits };
  }

  // The 784 values as a Java statement, one row of the picture a line, 3 decimals (.5 is a Java double).
  function javaText(values, words, digit) {
    const cell = (v) => {
      const k = Math.round(v * 1000);
      return k <= 0 ? '0' : k >= 1000 ? '1' : '.' + String(k).padStart(3, '0');
    };
    const lines = [];
    for (let r = 0; r < SIDE; r++) {
      const row = [];
      for (let c = 0; c < SIDE; c++) row.push(cell(values[r * SIDE + c]).padStart(4));
      lines.push('    ' + row.join(',') + (r < SIDE - 1 ? ',' : ''));
    }
    return fill(words.comment, digit) + '\ndouble[] drawn = {\n' + lines.join('\n') + '\n};';
  }

  // --- The page ---------------------------------------------------------------------------------------
  const CSS = `
.mymnist-pad-ui { font-family: sans-serif; color: #222; background: #fff; padding: 8px; display: inline-block; }
.mymnist-pad-ui .row { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
.mymnist-pad-ui canvas.pad { background: #000; border-radius: 6px; touch-action: none; cursor: crosshair;
  width: 280px; height: 280px; display: block; }
.mymnist-pad-ui button { font-size: 15px; margin: 8px 8px 0 0; padding: 4px 12px; cursor: pointer; }
.mymnist-pad-ui .read { font-size: 15px; }
.mymnist-pad-ui .digit { font-size: 64px; font-weight: bold; line-height: 72px; color: #b2182b; min-height: 72px; }
.mymnist-pad-ui .bar { display: flex; align-items: center; gap: 6px; height: 20px; font-size: 14px; }
.mymnist-pad-ui .bar .label { width: 14px; text-align: right; font-weight: bold; }
.mymnist-pad-ui .bar .track { width: 220px; height: 14px; background: #eee; border-radius: 3px; overflow: hidden; }
.mymnist-pad-ui .bar .fill { height: 14px; background: #7a9cc6; width: 0; }
.mymnist-pad-ui .bar.best .fill { background: #b2182b; }
.mymnist-pad-ui .bar .pct { width: 60px; font-variant-numeric: tabular-nums; }
.mymnist-pad-ui .steps { margin-top: 12px; }
.mymnist-pad-ui .step { width: 128px; font-size: 12px; text-align: center; }
.mymnist-pad-ui .step canvas { width: 112px; height: 112px; background: #000; image-rendering: pixelated;
  display: block; margin: 0 auto 4px auto; }
.mymnist-pad-ui .arrow { font-size: 22px; color: #888; align-self: center; margin-top: -20px; }
.mymnist-pad-ui textarea { font-family: monospace; font-size: 11px; width: 100%; height: 10em; margin-top: 6px;
  white-space: pre; overflow: auto; }
.mymnist-pad-ui .note { font-size: 13px; color: #444; margin-top: 6px; max-width: 760px; }`;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Draws a picture of values in [0, 1] into a 112 x 112 canvas, inside a box of `box` pixels (or fit).
  function paint(canvas, p, box) {
    const g = canvas.getContext('2d');
    g.clearRect(0, 0, canvas.width, canvas.height);
    if (!p) return null;
    const img = new ImageData(p.width, p.height);
    for (let i = 0; i < p.values.length; i++) {
      const v = Math.round(p.values[i] * 255);
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
      img.data[4 * i + 3] = 255;
    }
    const off = document.createElement('canvas');
    off.width = p.width; off.height = p.height;
    off.getContext('2d').putImageData(img, 0, 0);
    const unit = canvas.width / (box || Math.max(p.width, p.height));
    const w = p.width * unit, h = p.height * unit;
    const x = (canvas.width - w) / 2, y = (canvas.height - h) / 2;
    g.imageSmoothingEnabled = p.width > canvas.width;  // smooth only when shrinking (the raw drawing)
    g.drawImage(off, x, y, w, h);
    return { x, y, unit };
  }

  function start(id, data) {
    const root = document.getElementById(id);
    if (!root) return;
    const words = data.words;
    const model = loadModel(data);
    if (!document.getElementById('mymnist-pad-style')) {
      const style = el('style');
      style.id = 'mymnist-pad-style';
      style.textContent = CSS;
      document.head.appendChild(style);
    }
    root.textContent = '';
    const ui = el('div', 'mymnist-pad-ui');
    root.appendChild(ui);
    ui.appendChild(el('div', 'note', words.draw));
    const top = el('div', 'row');
    ui.appendChild(top);

    const left = el('div');
    const pad = el('canvas', 'pad');
    pad.width = pad.height = data.canvas;
    left.appendChild(pad);
    const clear = el('button', 'clear', words.clear);
    const copy = el('button', 'copy', words.copy);
    left.appendChild(clear);
    left.appendChild(copy);
    top.appendChild(left);

    const right = el('div');
    right.appendChild(el('div', 'read', words.read));
    const digit = el('div', 'digit', '?');
    right.appendChild(digit);
    const bars = [];
    for (let d = 0; d < 10; d++) {
      const bar = el('div', 'bar');
      bar.dataset.digit = String(d);
      bar.appendChild(el('span', 'label', String(d)));
      const track = el('span', 'track');
      const fill = el('span', 'fill');
      fill.style.display = 'block';
      track.appendChild(fill);
      bar.appendChild(track);
      const pct = el('span', 'pct', '');
      bar.appendChild(pct);
      right.appendChild(bar);
      bars.push({ bar, fill, pct });
    }
    // one line under the bars: "nothing to read" on an empty pad, else what it would read unprepared
    const unprepared = el('div', 'note unprepared', words.nothing);
    unprepared.style.maxWidth = '330px';
    unprepared.style.minHeight = '2.6em';
    right.appendChild(unprepared);
    top.appendChild(right);

    ui.appendChild(el('div', 'note', words.steps));
    const stepsRow = el('div', 'row steps');
    stepsRow.style.gap = '4px';
    ui.appendChild(stepsRow);
    const stepCanvas = {};
    ['raw', 'crop', 'box', 'input'].forEach((name, k) => {
      if (k > 0) stepsRow.appendChild(el('div', 'arrow', '→'));
      const box = el('div', 'step ' + name);
      const c = el('canvas');
      c.width = c.height = 112;
      box.appendChild(c);
      box.appendChild(el('div', '', words[name]));
      if (name === 'input') box.style.width = '190px';
      stepsRow.appendChild(box);
      stepCanvas[name] = c;
    });
    const checkLine = el('div', 'note check');
    ui.appendChild(checkLine);
    const copyNote = el('div', 'note copied');
    ui.appendChild(copyNote);
    const text = el('textarea');
    text.readOnly = true;
    text.wrap = 'off';
    text.style.display = 'none';
    ui.appendChild(text);

    const g = pad.getContext('2d');
    let state = null;
    function raw() {
      const a = g.getImageData(0, 0, pad.width, pad.height).data;
      const levels = new Uint8Array(pad.width * pad.height);
      for (let i = 0; i < levels.length; i++) levels[i] = a[4 * i + 3];
      const values = new Float64Array(levels.length);
      for (let i = 0; i < levels.length; i++) values[i] = levels[i] / 255;
      return { width: pad.width, height: pad.height, values, levels };
    }
    function refresh() {
      const r = raw();
      const steps = prepare(r);
      const empty = steps.crop === null;
      const p = empty ? null : forward(model, steps.input.values);
      const best = p ? argMax(p) : null;
      const rawP = empty ? null : forward(model, resize(r, SIDE, SIDE).values);
      const rawRead = empty ? null : argMax(rawP);
      unprepared.textContent = empty ? words.nothing : fill(words.unprepared, rawRead, (100 * rawP[rawRead]).toFixed(1));
      digit.textContent = empty ? '?' : String(best);
      bars.forEach((b, d) => {
        const v = p ? p[d] : 0;
        b.bar.dataset.p = String(v);
        b.fill.style.width = (100 * v).toFixed(2) + '%';
        b.pct.textContent = p ? (100 * v).toFixed(1) + ' %' : '';
        b.bar.classList.toggle('best', d === best);
      });
      const rawBox = paint(stepCanvas.raw, r, null);
      if (!empty && rawBox) {
        const c = stepCanvas.raw.getContext('2d');
        c.strokeStyle = '#e33'; c.lineWidth = 2;
        c.strokeRect(rawBox.x + steps.crop.left * rawBox.unit, rawBox.y + steps.crop.top * rawBox.unit,
          steps.crop.width * rawBox.unit, steps.crop.height * rawBox.unit);
      }
      paint(stepCanvas.crop, steps.crop, null);
      paint(stepCanvas.box, steps.scaled, BOX);
      const inBox = paint(stepCanvas.input, steps.input, SIDE);
      if (!empty && steps.input.cx !== null) {
        const c = stepCanvas.input.getContext('2d');
        const x = inBox.x + (steps.input.cx + 0.5) * inBox.unit, y = inBox.y + (steps.input.cy + 0.5) * inBox.unit;
        c.strokeStyle = '#e33'; c.lineWidth = 2;
        c.beginPath(); c.moveTo(x - 6, y); c.lineTo(x + 6, y); c.moveTo(x, y - 6); c.lineTo(x, y + 6); c.stroke();
      }
      state = { raw: r, steps, probabilities: p, digit: best, unprepared: rawRead };
      return state;
    }
    let pending = false;
    const later = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => { pending = false; refresh(); });
    };

    let last = null;
    const at = (e) => {
      const b = pad.getBoundingClientRect();
      return [(e.clientX - b.left) * pad.width / b.width, (e.clientY - b.top) * pad.height / b.height];
    };
    g.lineCap = 'round'; g.lineJoin = 'round';
    function ink(from, to) {
      g.strokeStyle = '#fff'; g.fillStyle = '#fff'; g.lineWidth = data.pen;
      g.lineCap = 'round'; g.lineJoin = 'round';
      g.beginPath();
      if (from[0] === to[0] && from[1] === to[1]) {
        g.arc(to[0], to[1], data.pen / 2, 0, 2 * Math.PI);
        g.fill();
      } else {
        g.moveTo(from[0], from[1]); g.lineTo(to[0], to[1]); g.stroke();
      }
    }
    pad.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      pad.setPointerCapture(e.pointerId);
      last = at(e);
      ink(last, last);
      later();
    });
    pad.addEventListener('pointermove', (e) => {
      if (!last) return;
      e.preventDefault();
      const p = at(e);
      ink(last, p);
      last = p;
      later();
    });
    const up = () => { if (last) { last = null; refresh(); } };
    pad.addEventListener('pointerup', up);
    pad.addEventListener('pointercancel', up);
    pad.addEventListener('lostpointercapture', up);
    clear.addEventListener('click', () => {
      g.clearRect(0, 0, pad.width, pad.height);
      text.style.display = 'none';
      copyNote.textContent = '';
      refresh();
    });
    copy.addEventListener('click', () => {
      const s = refresh();
      text.value = javaText(s.steps.input.values, words, s.digit === null ? '?' : s.digit);
      text.style.display = '';
      text.focus();
      text.select();
      const selected = () => { copyNote.textContent = words.select; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text.value).then(() => { copyNote.textContent = words.copied; }, selected);
      } else {
        try { copyNote.textContent = document.execCommand('copy') ? words.copied : words.select; } catch (err) { selected(); }
      }
    });

    let check = null;
    if (data.check) {
      check = agreement(model, data.check);
      checkLine.textContent = fill(words.check, check.count, check.same, check.maxDiff.toExponential(1));
    }
    refresh();
    const api = {
      id,
      width: pad.width,
      height: pad.height,
      refresh: () => { refresh(); return api; },
      levels: () => Array.from(raw().levels),
      input: () => Array.from(refresh().steps.input.values),
      probabilities: () => { const p = refresh().probabilities; return p ? Array.from(p) : null; },
      digit: () => refresh().digit,
      unpreparedDigit: () => refresh().unprepared,
      unprepared: () => Array.from(resize(raw(), SIDE, SIDE).values),
      shown: () => digit.textContent,
      bars: () => bars.map((b) => Number(b.bar.dataset.p)),
      javaText: () => javaText(refresh().steps.input.values, words, state.digit === null ? '?' : state.digit),
      agreement: () => check,
      clear: () => { clear.click(); return api; },
      prepare: (width, height, levels) => prepare({ width, height, values: Float64Array.from(levels, (l) => l / 255) }),
      forward: (input) => Array.from(forward(model, input)),
    };
    window.mymnistPads = window.mymnistPads || {};
    window.mymnistPads[id] = api;
    window.mymnistPad = api;
  }

  return { start, prepare, forward, javaText };
})();
