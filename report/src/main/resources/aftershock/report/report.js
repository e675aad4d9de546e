/* Aftershock report: draws the charts from the embedded data (#report-data) with Apache ECharts (inlined above).
   Every div.chart is marked once drawn: data-rendered="true" data-points="N", or data-rendered="false"
   data-points="0" with a "no data in this run" note. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var VARIANTS = DATA.variants;
  var SYMBOLS = DATA.symbols;
  var RANGE = DATA.range;
  var TIME_GROUP = 'aftershock-time';
  var NO_VALUE = '\u2014';
  var MINUTE_MS = 60000;
  var VARIANT_COLORS = ['#1f4fd6', '#e8590c', '#0ca678', '#9c36b5', '#1098ad', '#c2255c', '#5c940d', '#495057'];
  var LONG_LIQ = '#e03131';
  var SHORT_LIQ = '#2f9e44';
  var INDEX_COLOR = '#868e96';
  var HEAT_COLORS = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'];
  var FONT = '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif';

  // ---- Numbers, written by the same rules as aftershock.report.Unit ----

  function isNum(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function trimZeros(s) {
    return s.indexOf('.') < 0 ? s : s.replace(/\.?0+$/, '');
  }

  function grouped(v, minDecimals, maxDecimals) {
    return v.toLocaleString('en-US', {minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals});
  }

  /** $1.27B, $35.2M, $12.5K, $950; on an axis without trailing zeros ($1.5B, $500M). */
  function usd(v, axis) {
    if (!isNum(v)) {
      return NO_VALUE;
    }
    var sign = v < 0 ? '-' : '';
    var a = Math.abs(v);
    var scales = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];
    for (var i = 0; i < scales.length; i++) {
      if (a >= scales[i][0] * 0.9995) { // 999,999 is $1.00M, not $1000K
        var m = a / scales[i][0];
        var s = m.toFixed(m >= 99.95 ? 0 : m >= 9.995 ? 1 : 2);
        return sign + '$' + (axis === true ? trimZeros(s) : s) + scales[i][1];
      }
    }
    var small = a >= 100 || a === 0 ? a.toFixed(0) : a.toFixed(2);
    return sign + '$' + (axis === true ? trimZeros(small) : small);
  }

  /** $105,405, $3,512.42, $0.2450. */
  function price(v, axis) {
    if (!isNum(v)) {
      return NO_VALUE;
    }
    var a = Math.abs(v);
    var s;
    if (axis === true) {
      s = a >= 1000 ? grouped(a, 0, 0) : grouped(a, 0, 4);
    } else {
      s = a >= 10000 ? grouped(a, 0, 0) : a >= 1 ? grouped(a, 2, 2) : a.toFixed(4);
    }
    return (v < 0 ? '-$' : '$') + s;
  }

  function count(v) {
    return isNum(v) ? grouped(v, 0, 0) : NO_VALUE;
  }

  /** A value in percent: 2.41%. */
  function pct(v, axis) {
    if (!isNum(v)) {
      return NO_VALUE;
    }
    var s = v.toFixed(Math.abs(v) >= 100 ? 1 : 2);
    return (axis === true ? trimZeros(s) : s) + '%';
  }

  /** A fraction in percent with 4 decimals (funding): 0.0001 is 0.0100%. */
  function rate(v, axis) {
    if (!isNum(v)) {
      return NO_VALUE;
    }
    var s = (v * 100).toFixed(4);
    return (axis === true ? trimZeros(s) : s) + '%';
  }

  function signed(text, v) {
    return v > 0 ? '+' + text : text;
  }

  function pad(n) {
    return n < 10 ? '0' + n : '' + n;
  }

  /** 2025-11-03 21:15 UTC. */
  function time(ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' +
        pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ' UTC';
  }

  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** Axis label: the date at midnight, else HH:MM. */
  function timeLabel(ms) {
    var d = new Date(ms);
    if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0) {
      return MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate();
    }
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }

  function hourMinute(ms) {
    var d = new Date(ms);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  // ---- Series ----

  function valueCount(values) {
    var n = 0;
    if (values) {
      for (var i = 0; i < values.length; i++) {
        if (values[i] !== null) {
          n++;
        }
      }
    }
    return n;
  }

  function pairs(times, values) {
    var out = new Array(times.length);
    for (var i = 0; i < times.length; i++) {
      out[i] = [times[i], values[i]];
    }
    return out;
  }

  function variantColor(vi) {
    return VARIANT_COLORS[vi % VARIANT_COLORS.length];
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function suffix(vi) {
    return VARIANTS.length > 1 ? ' \u00b7 ' + VARIANTS[vi].name : '';
  }

  /** A chart under construction: series with their tooltip formats, and the number of values drawn. */
  function Plot() {
    this.series = [];
    this.formats = [];
    this.hidden = {};
    this.points = 0;
  }

  Plot.prototype.add = function (series, format, values, hidden) {
    this.series.push(series);
    this.formats.push(format);
    this.points += values;
    if (hidden) {
      this.hidden[series.name] = false;
    }
    return series;
  };

  /** Adds a line of `values` on `times` if it has any value; baseline solid, other variants dashed. */
  Plot.prototype.line = function (name, times, values, color, vi, format, options) {
    var n = valueCount(values);
    if (n === 0) {
      return null;
    }
    options = options || {};
    var series = {
      type: 'line', name: name, data: pairs(times, values), showSymbol: false, symbol: 'none',
      connectNulls: false, xAxisIndex: options.xAxisIndex || 0, yAxisIndex: options.yAxisIndex || 0,
      lineStyle: {width: options.width || 1.6, type: options.dash || (vi > 0 ? 'dashed' : 'solid'), color: color,
        opacity: options.opacity || 1},
      itemStyle: {color: color}, z: options.z || 2
    };
    if (options.markArea) {
      series.markArea = options.markArea;
    }
    return this.add(series, format, n, options.hidden);
  };

  // ---- Common option parts ----

  function timeAxis(gridIndex, showLabels) {
    return {
      type: 'time', gridIndex: gridIndex || 0, min: RANGE[0], max: RANGE[1],
      axisLabel: {show: showLabels !== false, hideOverlap: true, fontSize: 11, color: '#5b6779', formatter: timeLabel},
      axisLine: {lineStyle: {color: '#adb5bd'}}, axisTick: {show: showLabels !== false},
      splitLine: {show: false}
    };
  }

  function valueAxis(format, options) {
    options = options || {};
    return {
      type: 'value', gridIndex: options.gridIndex || 0, scale: options.scale !== false, splitNumber: options.splitNumber || 4,
      name: options.name || '', nameTextStyle: {fontSize: 11, color: '#5b6779', align: 'left'}, nameGap: 8,
      axisLabel: {formatter: function (v) { return format(v, true); }, fontSize: 11, color: '#5b6779'},
      splitLine: {lineStyle: {color: '#eef1f5'}}
    };
  }

  function zoom(xAxisIndex) {
    return [
      {type: 'inside', xAxisIndex: xAxisIndex, zoomOnMouseWheel: 'shift', moveOnMouseWheel: false,
        moveOnMouseMove: true},
      {type: 'slider', xAxisIndex: xAxisIndex, height: 16, bottom: 6, borderColor: '#dfe4ec',
        fillerColor: 'rgba(31,79,214,0.10)', handleSize: '120%', showDataShadow: false,
        labelFormatter: function (v) { return isNum(v) && v > 1e11 ? hourMinute(v) : ''; },
        textStyle: {fontSize: 10, color: '#5b6779'}}
    ];
  }

  function legend(plot) {
    return {
      type: 'scroll', top: 0, left: 4, right: 4, itemWidth: 18, itemHeight: 8, itemGap: 14,
      textStyle: {fontSize: 12, color: '#1b2433'}, selected: plot.hidden, pageIconSize: 10
    };
  }

  function tooltipBox(extra) {
    var box = {
      confine: true, backgroundColor: 'rgba(255,255,255,0.97)', borderColor: '#ced4da', borderWidth: 1,
      padding: [6, 10], textStyle: {fontSize: 12, color: '#1b2433'}, extraCssText: 'box-shadow: 0 2px 8px rgba(0,0,0,.12);'
    };
    for (var k in extra) {
      if (Object.prototype.hasOwnProperty.call(extra, k)) {
        box[k] = extra[k];
      }
    }
    return box;
  }

  /** An axis tooltip: the time, then each series' value in its own format (a format may return null to skip). */
  function axisTooltip(plot, notes) {
    return tooltipBox({
      trigger: 'axis',
      axisPointer: {type: 'line', lineStyle: {color: '#868e96', type: 'dashed'}, label: {show: false}},
      formatter: function (params) {
        if (!params || !params.length) {
          return '';
        }
        var t = params[0].axisValue;
        var rows = [];
        for (var i = 0; i < params.length; i++) {
          var p = params[i];
          var format = plot.formats[p.seriesIndex];
          var value = Array.isArray(p.value) ? p.value[1] : p.value;
          if (!format || value === null || value === undefined) {
            continue;
          }
          var text = format(value, p, t);
          if (text !== null) {
            rows.push(p.marker + escapeHtml(p.seriesName) + ' <b style="float:right;margin-left:16px">' + text + '</b>');
          }
        }
        if (notes) {
          var extra = notes(t);
          for (var j = 0; j < extra.length; j++) {
            rows.push(extra[j]);
          }
        }
        return '<div style="font-weight:600;margin-bottom:2px">' + time(t) + '</div>' + rows.join('<br>');
      }
    });
  }

  function baseOption(plot) {
    return {
      animation: false, useUTC: true, textStyle: {fontFamily: FONT},
      legend: legend(plot), series: plot.series
    };
  }

  function haltsOf(v, sym) {
    return v.halts.filter(function (h) { return h[0] === '*' || h[0] === sym; });
  }

  function haltNotes(sym) {
    return function (t) {
      var out = [];
      VARIANTS.forEach(function (v, vi) {
        haltsOf(v, sym).forEach(function (h) {
          if (t >= h[1] && t <= h[2]) {
            out.push('<span style="color:' + variantColor(vi) + ';font-weight:600">Halted' + escapeHtml(suffix(vi)) +
                '</span>' + (h[3] ? ': ' + escapeHtml(h[3]) : ''));
          }
        });
      });
      return out;
    };
  }

  // ---- The charts ----

  function priceChart(sym) {
    var plot = new Plot();
    var maxNotional = 0;
    VARIANTS.forEach(function (v) {
      v.adl.forEach(function (e) {
        if (e[1] === sym) {
          maxNotional = Math.max(maxNotional, e[6]);
        }
      });
    });
    VARIANTS.forEach(function (v, vi) {
      var s = v.instruments[sym];
      if (!s) {
        return;
      }
      var color = variantColor(vi);
      var halts = haltsOf(v, sym);
      var markArea = halts.length === 0 ? null : {
        silent: true, itemStyle: {color: rgba(color, 0.13)},
        label: {show: true, position: 'insideTop', color: color, fontSize: 10, formatter: 'halt'},
        data: halts.map(function (h) { return [{xAxis: h[1]}, {xAxis: Math.max(h[2], h[1] + MINUTE_MS / 2)}]; })
      };
      var last = plot.line('Last' + suffix(vi), v.times, s.close, color, vi, price, {markArea: markArea, z: 3});
      if (!last && markArea) {
        plot.line('Mark' + suffix(vi), v.times, s.mark, color, vi, price, {markArea: markArea});
      } else {
        plot.line('Mark' + suffix(vi), v.times, s.mark, color, vi, price,
            {width: 1.2, dash: vi > 0 ? 'dashed' : 'dotted', opacity: 0.75, hidden: vi > 0});
      }
      if (vi === 0) {
        plot.line('Index', v.times, s.index, INDEX_COLOR, vi, price, {width: 1.2, dash: [2, 3]});
      }
      var adl = v.adl.filter(function (e) { return e[1] === sym; });
      if (adl.length > 0) {
        plot.add({
          type: 'scatter', name: 'ADL fills' + suffix(vi), z: 5, symbol: 'diamond',
          data: adl.map(function (e) { return [e[0], e[2], e[3], e[4], e[5], e[6]]; }),
          symbolSize: function (value) {
            return 7 + 11 * Math.sqrt(maxNotional > 0 ? value[5] / maxNotional : 0);
          },
          itemStyle: {color: color, borderColor: '#ffffff', borderWidth: 1, opacity: 0.9}
        }, function (value, p, t) {
          var e = p.value;
          if (Math.abs(e[0] - t) > MINUTE_MS) {
            return null;
          }
          return price(e[1]) + ' vs mark ' + price(e[2]) + ' (' + pct(e[3]) + ', ' + usd(e[5]) + ')';
        }, adl.length);
      }
      var bars = {xAxisIndex: 1, yAxisIndex: 1};
      [['Long liq.', s.longLiquidationsUsd, LONG_LIQ], ['Short liq.', s.shortLiquidationsUsd, SHORT_LIQ]]
          .forEach(function (spec) {
            var n = valueCount(spec[1]);
            if (n === 0) {
              return;
            }
            plot.add({
              type: 'bar', name: spec[0] + suffix(vi), stack: 'liquidations' + vi, data: pairs(v.times, spec[1]),
              xAxisIndex: bars.xAxisIndex, yAxisIndex: bars.yAxisIndex, barMinWidth: 1.5, barMaxWidth: 8,
              itemStyle: {color: vi === 0 ? spec[2] : rgba(spec[2], 0.45)}
            }, usd, n, vi > 0);
          });
    });
    if (plot.points === 0) {
      return null;
    }
    var option = baseOption(plot);
    option.grid = [{left: 72, right: 20, top: 34, height: 262}, {left: 72, right: 20, top: 328, height: 86}];
    option.xAxis = [timeAxis(0, false), timeAxis(1)];
    option.yAxis = [valueAxis(price), valueAxis(usd, {gridIndex: 1, scale: false, splitNumber: 2, name: 'Liquidated / min'})];
    option.axisPointer = {link: [{xAxisIndex: 'all'}]};
    var bars = plot.series.some(function (s) { return s.type === 'bar'; });
    if (!bars) {
      option.graphic = [{
        type: 'text', left: 'center', top: 362, silent: true,
        style: {text: 'No liquidations in this run', fill: '#5b6779', font: 'italic 12px ' + FONT}
      }];
    }
    option.tooltip = axisTooltip(plot, haltNotes(sym));
    option.dataZoom = zoom([0, 1]);
    return {option: option, points: plot.points};
  }

  /** One line per variant of one instrument series (open interest, funding). */
  function perVariantChart(sym, key, format, options) {
    var plot = new Plot();
    VARIANTS.forEach(function (v, vi) {
      var s = sym === null ? v.venue : v.instruments[sym];
      if (s) {
        plot.line(VARIANTS.length > 1 ? v.name : options.name, v.times, s[key], variantColor(vi), vi, format);
      }
    });
    return timeOption(plot, format, options);
  }

  function timeOption(plot, format, options) {
    if (plot.points === 0) {
      return null;
    }
    options = options || {};
    var option = baseOption(plot);
    option.grid = [{left: 72, right: 20, top: 34, bottom: 54}];
    option.xAxis = [timeAxis(0)];
    option.yAxis = [valueAxis(format, {scale: options.scale})];
    option.tooltip = axisTooltip(plot, options.notes);
    option.dataZoom = zoom([0]);
    if (options.zeroLine) {
      plot.series[0].markLine = {
        silent: true, symbol: 'none', label: {show: false}, lineStyle: {color: '#adb5bd', type: 'solid', width: 1},
        data: [{yAxis: 0}]
      };
    }
    return {option: option, points: plot.points};
  }

  function depthChart(sym) {
    var plot = new Plot();
    var kinds = [
      ['Bid \u00b11%', 'bidDepth1PctUsd', '#2b8a3e', 1.8], ['Ask \u00b11%', 'askDepth1PctUsd', '#c92a2a', 1.8],
      ['Bid \u00b12%', 'bidDepth2PctUsd', '#74b816', 1.2], ['Ask \u00b12%', 'askDepth2PctUsd', '#f08c00', 1.2]
    ];
    VARIANTS.forEach(function (v, vi) {
      var s = v.instruments[sym];
      if (!s) {
        return;
      }
      kinds.forEach(function (k) {
        plot.line(k[0] + suffix(vi), v.times, s[k[1]], k[2], vi, usd, {width: k[3]});
      });
    });
    return timeOption(plot, usd, {scale: false});
  }

  function premiumChart() {
    var plot = new Plot();
    var usePct = VARIANTS.some(function (v) { return valueCount(v.venue.coinbasePremiumPct) > 0; });
    VARIANTS.forEach(function (v, vi) {
      var dollars = v.venue.coinbasePremiumUsd;
      var name = VARIANTS.length > 1 ? v.name : 'Coinbase premium';
      if (usePct) {
        plot.line(name, v.times, v.venue.coinbasePremiumPct, variantColor(vi), vi, function (value, p) {
          var d = dollars.length ? dollars[p.dataIndex] : null;
          return signed(pct(value), value) + (isNum(d) ? ' (' + signed(usd(d), d) + ')' : '');
        });
      } else {
        plot.line(name, v.times, dollars, variantColor(vi), vi, function (value) { return signed(usd(value), value); });
      }
    });
    return timeOption(plot, usePct ? pct : usd, {zeroLine: true});
  }

  function adlChart() {
    var plot = new Plot();
    var maxNotional = 0;
    VARIANTS.forEach(function (v) {
      v.adl.forEach(function (e) { maxNotional = Math.max(maxNotional, e[6]); });
    });
    VARIANTS.forEach(function (v, vi) {
      if (v.adl.length === 0) {
        return;
      }
      plot.add({
        type: 'scatter', name: VARIANTS.length > 1 ? v.name : 'ADL fills', symbol: vi === 0 ? 'circle' : 'diamond',
        data: v.adl.map(function (e) { return [e[0], e[4], e[2], e[3], e[5], e[6], e[1]]; }),
        symbolSize: function (value) { return 6 + 12 * Math.sqrt(maxNotional > 0 ? value[5] / maxNotional : 0); },
        itemStyle: {color: rgba(variantColor(vi), 0.75), borderColor: variantColor(vi), borderWidth: 1}
      }, pct, v.adl.length);
    });
    if (plot.points === 0) {
      return null;
    }
    var option = baseOption(plot);
    option.grid = [{left: 72, right: 20, top: 34, bottom: 54}];
    option.xAxis = [timeAxis(0)];
    option.yAxis = [valueAxis(pct, {scale: false})];
    option.tooltip = tooltipBox({
      trigger: 'item',
      formatter: function (p) {
        var e = p.value;
        return '<div style="font-weight:600">' + time(e[0]) + '</div>' + p.marker + escapeHtml(p.seriesName) + ' \u00b7 ' +
            escapeHtml(e[6]) + '<br>Execution ' + price(e[2]) + ' vs mark ' + price(e[3]) +
            '<br>Deviation <b>' + pct(e[1]) + '</b><br>Quantity ' + grouped(e[4], 0, 4) + ' \u00b7 notional <b>' +
            usd(e[5]) + '</b>';
      }
    });
    option.dataZoom = zoom([0]);
    return {option: option, points: plot.points};
  }

  /** The mark (or last) price at each heatmap time, from the variant's minute clock. */
  function markAt(v, s, times) {
    var values = valueCount(s.mark) > 0 ? s.mark : s.close;
    var out = new Array(times.length);
    var j = 0;
    for (var i = 0; i < times.length; i++) {
      while (j + 1 < v.times.length && v.times[j + 1] <= times[i]) {
        j++;
      }
      out[i] = values && values.length && v.times.length && v.times[j] <= times[i] + MINUTE_MS ? values[j] : null;
    }
    return out;
  }

  function colourScaleMax(maps) {
    var values = [];
    maps.forEach(function (h) {
      if (h) {
        h.cells.forEach(function (c) { values.push(c[2]); });
      }
    });
    if (values.length === 0) {
      return 1;
    }
    values.sort(function (a, b) { return a - b; });
    // The 98th percentile: one huge cell should not wash the rest of the map out.
    return values[Math.min(values.length - 1, Math.floor(values.length * 0.98))] || values[values.length - 1];
  }

  function heatChart(sym, which, vi) {
    var v = VARIANTS[vi];
    var s = v && v.instruments[sym];
    var h = s && s[which];
    if (!h || h.cells.length === 0) {
      return null;
    }
    var max = colourScaleMax([s.trueHeatmap, s.estimatedHeatmap]);
    var spanMs = h.times[h.times.length - 1] - h.times[0];
    var xLabels = h.times.map(function (t) { return spanMs > 86400000 ? time(t).slice(5, 16) : hourMinute(t); });
    var yLabels = h.buckets.map(function (b) { return price(b, true); });
    var series = [{
      type: 'heatmap', name: which === 'trueHeatmap' ? 'True' : 'Estimated',
      data: h.cells.map(function (c) { return [c[0], c[1], Math.min(c[2], max), c[2]]; }),
      progressive: 0, emphasis: {itemStyle: {borderColor: '#1b2433', borderWidth: 1}}
    }];
    var yAxes = [{
      type: 'category', data: yLabels,
      axisLabel: {fontSize: 11, color: '#5b6779', interval: Math.max(0, Math.ceil(yLabels.length / 14) - 1)},
      axisTick: {show: false}, axisLine: {lineStyle: {color: '#adb5bd'}}, splitArea: {show: false}
    }];
    if (h.uniform) {
      // A price axis laid exactly over the bucket bands, for the mark price line.
      var half = (h.buckets[1] - h.buckets[0]) / 2;
      yAxes.push({type: 'value', show: false, min: h.buckets[0] - half, max: h.buckets[h.buckets.length - 1] + half});
      series.push({
        type: 'line', name: 'Mark', yAxisIndex: 1, data: markAt(v, s, h.times), showSymbol: false, symbol: 'none',
        lineStyle: {color: '#1b2433', width: 1.6}, itemStyle: {color: '#1b2433'}, z: 5, silent: true
      });
    }
    var option = {
      animation: false, textStyle: {fontFamily: FONT},
      grid: {left: 76, right: 74, top: 12, bottom: 58},
      xAxis: {type: 'category', data: xLabels, axisLabel: {fontSize: 11, color: '#5b6779', hideOverlap: true},
        axisLine: {lineStyle: {color: '#adb5bd'}}, splitArea: {show: false}},
      yAxis: yAxes,
      visualMap: {
        type: 'continuous', min: 0, max: max, seriesIndex: 0, dimension: 2, calculable: false, orient: 'vertical',
        right: 4, top: 'middle', itemWidth: 10, itemHeight: 170, precision: 0, inRange: {color: HEAT_COLORS},
        text: [usd(max, true) + '+', '$0'], textGap: 6, textStyle: {fontSize: 11, color: '#5b6779'}
      },
      tooltip: tooltipBox({
        trigger: 'item',
        formatter: function (p) {
          if (p.seriesType !== 'heatmap') {
            return '';
          }
          var b = p.value[1];
          var lo = b > 0 ? (h.buckets[b - 1] + h.buckets[b]) / 2 : h.buckets[b] - (h.buckets[1] - h.buckets[0]) / 2;
          var hi = b < h.buckets.length - 1 ? (h.buckets[b] + h.buckets[b + 1]) / 2 :
              h.buckets[b] + (h.buckets[b] - h.buckets[b - 1]) / 2;
          return '<div style="font-weight:600">' + time(h.times[p.value[0]]) + '</div>' +
              'Liquidation price ' + price(lo) + ' \u2013 ' + price(hi) + '<br>' + escapeHtml(p.seriesName) +
              ': <b>' + usd(p.value[3]) + '</b> of positions';
        }
      }),
      dataZoom: [{type: 'inside', xAxisIndex: 0, zoomOnMouseWheel: 'shift', moveOnMouseWheel: false},
        {type: 'slider', xAxisIndex: 0, height: 16, bottom: 6, borderColor: '#dfe4ec', showDataShadow: false,
          fillerColor: 'rgba(31,79,214,0.10)', textStyle: {fontSize: 10, color: '#5b6779'}}],
      series: series
    };
    return {option: option, points: h.cells.length};
  }

  // ---- Mounting ----

  var NO_DATA = {
    'price': 'No price data in this run', 'oi': 'No open-interest data in this run',
    'funding': 'No funding-rate data in this run', 'depth': 'No order-book depth data in this run',
    'heat-true': 'No true liquidation map in this run', 'heat-estimated': 'No estimated liquidation map in this run',
    'premium': 'No Coinbase premium data in this run', 'fund': 'No insurance-fund data in this run',
    'adl': 'No ADL fills in this run'
  };
  var mounted = [];
  var pending = 0;

  function build(kind, sym, vi) {
    switch (kind) {
      case 'price': return priceChart(sym);
      case 'oi': return perVariantChart(sym, 'openInterestUsd', usd, {name: 'Open interest'});
      case 'funding': return perVariantChart(sym, 'fundingRate', rate, {name: 'Funding rate', zeroLine: true});
      case 'depth': return depthChart(sym);
      case 'heat-true': return heatChart(sym, 'trueHeatmap', vi);
      case 'heat-estimated': return heatChart(sym, 'estimatedHeatmap', vi);
      case 'premium': return premiumChart();
      case 'fund': return perVariantChart(null, 'insuranceFundUsd', usd, {name: 'Insurance fund'});
      case 'adl': return adlChart();
      default: throw new Error('unknown chart kind ' + kind);
    }
  }

  /**
   * Lets a long legend wrap onto more lines instead of paging: the grids move down and the chart grows by the
   * lines added, so every series can be found at a glance.
   */
  function fitLegend(el, option) {
    if (!option.legend || !option.grid) {
      return;
    }
    var width = el.clientWidth || 1200;
    var names = [];
    option.series.forEach(function (s) {
      if (s.name && names.indexOf(s.name) < 0) {
        names.push(s.name);
      }
    });
    var rows = 1;
    var x = 4;
    names.forEach(function (name) {
      var w = name.length * 6.6 + 32;
      if (x + w > width - 4 && x > 4) {
        rows++;
        x = 4;
      }
      x += w;
    });
    option.legend.type = 'plain';
    var extra = (rows - 1) * 22;
    if (extra === 0) {
      return;
    }
    (Array.isArray(option.grid) ? option.grid : [option.grid]).forEach(function (g) {
      g.top += extra;
    });
    (option.graphic || []).forEach(function (g) {
      g.top += extra;
    });
    el.style.height = (el.clientHeight + extra) + 'px';
  }

  function noData(el, text) {
    el.classList.add('nodata');
    el.innerHTML = '<div class="nodata-note">' + escapeHtml(text) + '</div>';
    el.setAttribute('data-rendered', 'false');
    el.setAttribute('data-points', '0');
  }

  function markReady() {
    pending--;
    if (pending === 0) {
      document.body.setAttribute('data-report-ready', 'true');
    }
  }

  /** Draws one container; returns its chart, or null when it has no data (it then says so). */
  function mount(el, vi) {
    var kind = el.getAttribute('data-chart');
    var instrument = el.getAttribute('data-instrument');
    var sym = instrument === null ? null : SYMBOLS[+instrument];
    var built;
    try {
      built = RANGE === null ? null : build(kind, sym, vi || 0);
    } catch (e) {
      console.error('chart ' + el.id + ' failed: ' + (e && e.stack ? e.stack : e));
      noData(el, 'This chart could not be drawn (see the page errors)');
      return null;
    }
    if (!built || built.points === 0) {
      noData(el, NO_DATA[kind] || 'No data in this run');
      return null;
    }
    el.classList.remove('nodata');
    el.innerHTML = '';
    el.removeAttribute('data-rendered');
    fitLegend(el, built.option);
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    var first = true;
    pending++;
    chart.on('finished', function () {
      el.setAttribute('data-rendered', 'true');
      el.setAttribute('data-points', String(built.points));
      if (first) {
        first = false;
        markReady();
      }
    });
    chart.setOption(built.option);
    return chart;
  }

  function start() {
    var timeCharts = [];
    var containers = document.querySelectorAll('div.chart');
    pending++;
    for (var i = 0; i < containers.length; i++) {
      var el = containers[i];
      var chart = mount(el, 0);
      if (!chart) {
        continue;
      }
      mounted.push(chart);
      var kind = el.getAttribute('data-chart');
      if (kind.indexOf('heat-') === 0) {
        chart.group = 'heat-' + el.getAttribute('data-instrument');
      } else {
        chart.group = TIME_GROUP;
        timeCharts.push(chart);
      }
    }
    echarts.connect(TIME_GROUP);
    SYMBOLS.forEach(function (s, i) { echarts.connect('heat-' + i); });
    var selects = document.querySelectorAll('select.heat-variant');
    for (var j = 0; j < selects.length; j++) {
      selects[j].addEventListener('change', switchHeatVariant);
    }
    window.addEventListener('resize', function () {
      mounted.forEach(function (c) { if (!c.isDisposed()) { c.resize(); } });
    });
    markReady();
  }

  function switchHeatVariant(event) {
    var select = event.target;
    var instrument = select.getAttribute('data-instrument');
    var vi = 0;
    VARIANTS.forEach(function (v, k) { if (v.name === select.value) { vi = k; } });
    ['heat-true', 'heat-estimated'].forEach(function (kind) {
      var el = document.getElementById('chart-' + kind + '-' + instrument);
      var old = echarts.getInstanceByDom(el);
      if (old) {
        mounted.splice(mounted.indexOf(old), 1);
        old.dispose();
      }
      var chart = mount(el, vi);
      if (chart) {
        chart.group = 'heat-' + instrument;
        mounted.push(chart);
      }
    });
    echarts.connect('heat-' + instrument);
  }

  start();
})();
