<?xml version="1.0" encoding="UTF-8"?>
<!--
  charts.xsl - charts as inline SVG (issue 15), no JavaScript, for screen and
  paper: every chart has a viewBox and scales to its box (360 px phones
  included); every bar or point carries a <title> with its exact value and
  data-value for tests; fills are dark greys and hatching, never colours that
  vanish in grey print. The page puts a plain table of the same numbers
  beside each chart. A chart takes its data as a node-set of small elements
  the page builds (exsl:node-set of a variable), so the chart knows nothing of
  the page's XML:

    chart-hbar       <bar label="" value="" max="" text="" title=""/>   one bar per row, value / max of the width
    chart-histogram  <bar label="" value="" title=""/>                  vertical bars; a dashed line before bar $marker
    chart-stacked    <row label=""><seg value="" title=""/>...</row>      horizontal stacked bars; $series: <s label=""/>...
    chart-line       <pt label="" show="yes|no"><v value="" title=""/>...</pt>  step lines, one per <v> position; $series as above

  $id names the chart (unique on the page: pattern ids derive from it);
  $caption is its accessible name (aria-label and <title> of the svg).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="http://www.w3.org/2000/svg">

  <!-- Numbers for coordinates: at most one decimal. -->
  <xsl:template name="chart-n">
    <xsl:param name="v"/>
    <xsl:value-of select="format-number($v, '0.#')"/>
  </xsl:template>

  <!-- Fills by series position, grey-print safe: black, hatching, light grey with an outline. -->
  <xsl:template name="chart-defs">
    <xsl:param name="id"/>
    <defs>
      <pattern id="{$id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#ffffff"/>
        <rect width="3" height="6" fill="#222222"/>
      </pattern>
    </defs>
  </xsl:template>
  <xsl:template name="chart-fill">
    <xsl:param name="id"/>
    <xsl:param name="i"/>
    <xsl:choose>
      <xsl:when test="$i = 1">#222222</xsl:when>
      <xsl:when test="$i = 2">url(#<xsl:value-of select="$id"/>-hatch)</xsl:when>
      <xsl:otherwise>#bbbbbb</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A legend line of swatches across the top, for series given as <s label=""/>. -->
  <xsl:template name="chart-legend">
    <xsl:param name="id"/>
    <xsl:param name="series"/>
    <xsl:param name="lines" select="false()"/>
    <xsl:for-each select="$series">
      <xsl:variable name="x" select="(position() - 1) * 170"/>
      <xsl:choose>
        <xsl:when test="$lines">
          <line x1="{$x}" y1="8" x2="{$x + 22}" y2="8" stroke="#000000" stroke-width="2.5">
            <xsl:if test="position() = 2"><xsl:attribute name="stroke-dasharray">5 3</xsl:attribute></xsl:if>
          </line>
        </xsl:when>
        <xsl:otherwise>
          <rect x="{$x}" y="1" width="14" height="14" stroke="#000000" stroke-width="0.8">
            <xsl:attribute name="fill"><xsl:call-template name="chart-fill"><xsl:with-param name="id" select="$id"/><xsl:with-param name="i" select="position()"/></xsl:call-template></xsl:attribute>
          </rect>
        </xsl:otherwise>
      </xsl:choose>
      <text x="{$x + 28}" y="13" font-size="15"><xsl:value-of select="@label"/></text>
    </xsl:for-each>
  </xsl:template>

  <!-- Horizontal bars: label above, bar of value / max of 300 units, the text after it. -->
  <xsl:template name="chart-hbar">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="data"/>
    <xsl:variable name="h" select="count($data) * 36 + 8"/>
    <svg class="chart chart-hbar" id="{$id}" viewBox="0 0 400 {$h}" role="img" aria-label="{$caption}"
        preserveAspectRatio="xMinYMin meet" font-family="sans-serif">
      <title><xsl:value-of select="$caption"/></title>
      <xsl:for-each select="$data">
        <xsl:variable name="y" select="(position() - 1) * 36"/>
        <xsl:variable name="w">
          <xsl:choose>
            <xsl:when test="@max &gt; 0"><xsl:value-of select="300 * @value div @max"/></xsl:when>
            <xsl:otherwise>0</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <text x="0" y="{$y + 13}" font-size="15"><xsl:value-of select="@label"/></text>
        <rect x="0" y="{$y + 18}" width="300" height="13" fill="#ffffff" stroke="#000000" stroke-width="0.6"/>
        <rect class="bar" x="0" y="{$y + 18}" height="13" fill="#222222" data-value="{@value}">
          <xsl:attribute name="width"><xsl:call-template name="chart-n"><xsl:with-param name="v" select="$w"/></xsl:call-template></xsl:attribute>
          <title><xsl:value-of select="@title"/></title>
        </rect>
        <text x="306" y="{$y + 29}" font-size="12"><xsl:value-of select="@text"/></text>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- Vertical bars (a histogram), value above each, label under it; a dashed line before bar $marker. -->
  <xsl:template name="chart-histogram">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="data"/>
    <xsl:param name="marker" select="0"/>
    <xsl:param name="marker-label" select="''"/>
    <xsl:variable name="n" select="count($data)"/>
    <xsl:variable name="max">
      <xsl:for-each select="$data">
        <xsl:sort select="@value" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@value"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="top" select="number($max) + number($max = 0)"/>
    <xsl:variable name="slot" select="400 div $n"/>
    <svg class="chart chart-histogram" id="{$id}" viewBox="0 0 400 236" role="img" aria-label="{$caption}"
        preserveAspectRatio="xMinYMin meet" font-family="sans-serif">
      <title><xsl:value-of select="$caption"/></title>
      <line x1="0" y1="200" x2="400" y2="200" stroke="#000000" stroke-width="1"/>
      <xsl:for-each select="$data">
        <xsl:variable name="x" select="(position() - 1) * $slot"/>
        <xsl:variable name="bh" select="170 * @value div $top"/>
        <rect class="bar" y="{format-number(200 - $bh, '0.#')}" height="{format-number($bh, '0.#')}"
            x="{format-number($x + $slot * 0.15, '0.#')}" width="{format-number($slot * 0.7, '0.#')}"
            fill="#222222" data-value="{@value}">
          <title><xsl:value-of select="@title"/></title>
        </rect>
        <text x="{format-number($x + $slot div 2, '0.#')}" y="{format-number(195 - $bh, '0.#')}" font-size="13" text-anchor="middle"><xsl:value-of select="@value"/></text>
        <text x="{format-number($x + $slot div 2, '0.#')}" y="216" font-size="12" text-anchor="middle"><xsl:value-of select="@label"/></text>
      </xsl:for-each>
      <xsl:if test="$marker &gt; 0">
        <xsl:variable name="mx" select="format-number(($marker - 1) * $slot, '0.#')"/>
        <line class="marker" x1="{$mx}" y1="14" x2="{$mx}" y2="204" stroke="#000000" stroke-width="1.5" stroke-dasharray="5 3"/>
        <text x="{$mx}" y="232" font-size="12" text-anchor="middle"><xsl:value-of select="$marker-label"/></text>
      </xsl:if>
    </svg>
  </xsl:template>

  <!-- Horizontal stacked bars: one row per <row>, segments by series position, scaled to the largest total. -->
  <xsl:template name="chart-stacked">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="data"/>
    <xsl:param name="series"/>
    <xsl:variable name="max">
      <xsl:for-each select="$data">
        <xsl:sort select="sum(seg/@value)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="sum(seg/@value)"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="top" select="number($max) + number($max = 0)"/>
    <xsl:variable name="h" select="count($data) * 36 + 30"/>
    <svg class="chart chart-stacked" id="{$id}" viewBox="0 0 400 {$h}" role="img" aria-label="{$caption}"
        preserveAspectRatio="xMinYMin meet" font-family="sans-serif">
      <title><xsl:value-of select="$caption"/></title>
      <xsl:call-template name="chart-defs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:call-template name="chart-legend"><xsl:with-param name="id" select="$id"/><xsl:with-param name="series" select="$series"/></xsl:call-template>
      <xsl:for-each select="$data">
        <xsl:variable name="y" select="(position() - 1) * 36 + 26"/>
        <text x="0" y="{$y + 13}" font-size="15"><xsl:value-of select="@label"/></text>
        <xsl:for-each select="seg">
          <xsl:variable name="before" select="sum(preceding-sibling::seg/@value)"/>
          <rect class="bar" y="{$y + 18}" height="13" stroke="#000000" stroke-width="0.6" data-value="{@value}"
              x="{format-number(300 * $before div $top, '0.#')}" width="{format-number(300 * @value div $top, '0.#')}">
            <xsl:attribute name="fill"><xsl:call-template name="chart-fill"><xsl:with-param name="id" select="$id"/><xsl:with-param name="i" select="position()"/></xsl:call-template></xsl:attribute>
            <title><xsl:value-of select="@title"/></title>
          </rect>
        </xsl:for-each>
        <text x="{format-number(300 * sum(seg/@value) div $top + 6, '0.#')}" y="{$y + 29}" font-size="12">
          <xsl:for-each select="seg"><xsl:if test="position() &gt; 1"> + </xsl:if><xsl:value-of select="@value"/></xsl:for-each>
        </text>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- Step lines over points (x: the points in order; y: 0 to the largest value), a point per value with its title. -->
  <xsl:template name="chart-line">
    <xsl:param name="id"/>
    <xsl:param name="caption"/>
    <xsl:param name="data"/>
    <xsl:param name="series"/>
    <xsl:variable name="n" select="count($data)"/>
    <xsl:variable name="max">
      <xsl:for-each select="$data/v">
        <xsl:sort select="@value" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@value"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="top" select="number($max) + number($max = 0 or string($max) = '')"/>
    <xsl:variable name="left" select="40"/>
    <xsl:variable name="step" select="(400 - $left - 4) div ($n + number($n = 0))"/>
    <svg class="chart chart-line" id="{$id}" viewBox="0 0 400 250" role="img" aria-label="{$caption}"
        preserveAspectRatio="xMinYMin meet" font-family="sans-serif">
      <title><xsl:value-of select="$caption"/></title>
      <xsl:call-template name="chart-legend"><xsl:with-param name="id" select="$id"/><xsl:with-param name="series" select="$series"/><xsl:with-param name="lines" select="true()"/></xsl:call-template>
      <!-- axes: 0 and the largest value -->
      <line x1="{$left}" y1="220" x2="396" y2="220" stroke="#000000" stroke-width="1"/>
      <line x1="{$left}" y1="30" x2="{$left}" y2="220" stroke="#000000" stroke-width="1"/>
      <line x1="{$left}" y1="40" x2="396" y2="40" stroke="#888888" stroke-width="0.5" stroke-dasharray="2 2"/>
      <text x="{$left - 4}" y="224" font-size="11" text-anchor="end">0</text>
      <text x="{$left - 4}" y="44" font-size="11" text-anchor="end"><xsl:value-of select="$top"/></text>
      <xsl:for-each select="$data">
        <xsl:if test="@show = 'yes'">
          <text x="{format-number($left + position() * $step, '0.#')}" y="238" font-size="11" text-anchor="middle"><xsl:value-of select="@label"/></text>
        </xsl:if>
      </xsl:for-each>
      <xsl:for-each select="$series">
        <xsl:variable name="k" select="position()"/>
        <path fill="none" stroke="#000000" stroke-width="2">
          <xsl:if test="$k = 2"><xsl:attribute name="stroke-dasharray">5 3</xsl:attribute></xsl:if>
          <xsl:attribute name="d">
            <xsl:text>M</xsl:text><xsl:value-of select="$left"/><xsl:text>,220</xsl:text>
            <xsl:for-each select="$data">
              <xsl:variable name="y" select="format-number(220 - 180 * v[$k]/@value div $top, '0.#')"/>
              <xsl:text> H</xsl:text><xsl:value-of select="format-number($left + (position() - 1) * $step, '0.#')"/>
              <xsl:text> V</xsl:text><xsl:value-of select="$y"/>
              <xsl:text> H</xsl:text><xsl:value-of select="format-number($left + position() * $step, '0.#')"/>
            </xsl:for-each>
          </xsl:attribute>
        </path>
      </xsl:for-each>
      <!-- One invisible hit area per point, with every value of it in its title. -->
      <xsl:for-each select="$data">
        <rect class="point" x="{format-number($left + (position() - 1) * $step, '0.#')}" y="30"
            width="{format-number($step, '0.#')}" height="190" fill="#ffffff" fill-opacity="0" data-value="{v[1]/@value}">
          <title><xsl:for-each select="v"><xsl:if test="position() &gt; 1">；</xsl:if><xsl:value-of select="@title"/></xsl:for-each></title>
        </rect>
      </xsl:for-each>
    </svg>
  </xsl:template>
</xsl:stylesheet>
