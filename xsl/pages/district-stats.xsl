<?xml version="1.0" encoding="UTF-8"?>
<!-- The district's schools side by side: teachers, results, pass rate, the flag, unreviewed records. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">
  <xsl:import href="../layout.xsl"/>
  <!-- charts (issue 15) -->
  <xsl:include href="../charts.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'stats.district-title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <!-- The rate as C computed it, in tenths of a percent (967: 96.7%). -->
  <xsl:template name="rate">
    <xsl:param name="permille"/>
    <xsl:if test="string($permille) != ''"><xsl:value-of select="format-number($permille div 10, '0.0')"/>%</xsl:if>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.district-title'"/></xsl:call-template></h1>
    <p><a href="/district/export.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'dexport.link'"/></xsl:call-template></a></p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.school'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.teachers'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.failing'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.pass-rate'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.flag'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.unreviewed'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.state'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="school">
            <tr>
              <td><a href="/district/schools/{@id}"><xsl:value-of select="name"/></a></td>
              <td><xsl:value-of select="@teachers"/></td>
              <td><xsl:value-of select="@failing"/></td>
              <td><xsl:call-template name="rate"><xsl:with-param name="permille" select="@pass-permille"/></xsl:call-template></td>
              <td><xsl:if test="@flagged"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('stats.flag.', @flagged)"/></xsl:call-template></xsl:if></td>
              <td><xsl:value-of select="@unreviewed"/></td>
              <td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('year-state.', @state)"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <td><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.total'"/></xsl:call-template></td>
            <td><xsl:value-of select="total/@teachers"/></td>
            <td><xsl:value-of select="total/@failing"/></td>
            <td><xsl:call-template name="rate"><xsl:with-param name="permille" select="total/@pass-permille"/></xsl:call-template></td>
            <td><xsl:value-of select="total/@flagged"/></td>
            <td><xsl:value-of select="total/@unreviewed"/></td>
            <td></td>
          </tr>
        </tbody>
      </table>
    </div>
    <xsl:call-template name="charts"/>
  </xsl:template>

  <!-- ============================================ charts (issue 15) -->
  <xsl:template name="charts">
    <xsl:if test="school">
      <section class="charts" aria-labelledby="charts-h">
        <h2 id="charts-h"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.heading'"/></xsl:call-template></h2>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.note'"/></xsl:call-template></p>
        <xsl:call-template name="chart-pass"/>
        <xsl:call-template name="chart-distribution"/>
        <xsl:call-template name="chart-waiting"/>
        <xsl:call-template name="chart-weeks"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- 1. pass rate per school -->
  <xsl:template name="chart-pass">
    <xsl:variable name="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.pass.title'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="of"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.pass.of'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="persons"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.pass.persons'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="data">
      <xsl:for-each select="school">
        <xsl:variable name="rate"><xsl:call-template name="rate"><xsl:with-param name="permille" select="@pass-permille"/></xsl:call-template></xsl:variable>
        <bar label="{name}" value="{@passing}" max="{@teachers}" text="{$rate}（{@passing}/{@teachers}）"
            title="{name}：{@teachers}{$of}{@passing}{$persons}（{$rate}）"/>
      </xsl:for-each>
    </xsl:variable>
    <figure class="chart-box" id="chart-pass-box">
      <figcaption><xsl:value-of select="$title"/></figcaption>
      <xsl:call-template name="chart-hbar">
        <xsl:with-param name="id" select="'chart-pass'"/>
        <xsl:with-param name="caption" select="$title"/>
        <xsl:with-param name="data" select="exsl:node-set($data)/bar"/>
      </xsl:call-template>
      <div class="table-wrap">
        <table class="list chart-table">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.school'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.teachers'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.passing'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.failing'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.pass-rate'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="school">
              <tr><td><xsl:value-of select="name"/></td><td><xsl:value-of select="@teachers"/></td>
                <td><xsl:value-of select="@passing"/></td><td><xsl:value-of select="@failing"/></td>
                <td><xsl:call-template name="rate"><xsl:with-param name="permille" select="@pass-permille"/></xsl:call-template></td></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </figure>
  </xsl:template>

  <!-- 2. counted hours against each teacher's threshold -->
  <xsl:template name="chart-distribution">
    <xsl:variable name="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.title'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="persons"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.persons'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="data">
      <xsl:for-each select="distribution/bucket">
        <xsl:variable name="label"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('chart.bucket.', @key)"/></xsl:call-template></xsl:variable>
        <bar label="{$label}" value="{@teachers}" title="{$label}：{@teachers}{$persons}"/>
      </xsl:for-each>
    </xsl:variable>
    <figure class="chart-box" id="chart-dist-box">
      <figcaption><xsl:value-of select="$title"/></figcaption>
      <xsl:call-template name="chart-histogram">
        <xsl:with-param name="id" select="'chart-dist'"/>
        <xsl:with-param name="caption" select="$title"/>
        <xsl:with-param name="data" select="exsl:node-set($data)/bar"/>
        <xsl:with-param name="marker" select="count(distribution/bucket[@to-percent &lt;= 100]) + 1"/>
        <xsl:with-param name="marker-label"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.threshold'"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.note'"/></xsl:call-template>
        <xsl:if test="distribution/@without-threshold &gt; 0"><xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.without'"/></xsl:call-template><xsl:value-of select="distribution/@without-threshold"/></xsl:if></p>
      <div class="table-wrap">
        <table class="list chart-table">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.bucket'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.dist.teachers'"/></xsl:call-template></th>
            <xsl:for-each select="distribution/bucket[1]/category">
              <th><xsl:call-template name="s"><xsl:with-param name="k" select="concat('category.', @name)"/></xsl:call-template></th>
            </xsl:for-each>
          </tr></thead>
          <tbody>
            <xsl:for-each select="distribution/bucket">
              <tr><td><xsl:call-template name="s"><xsl:with-param name="k" select="concat('chart.bucket.', @key)"/></xsl:call-template></td>
                <td><xsl:value-of select="@teachers"/></td>
                <xsl:for-each select="category"><td><xsl:value-of select="@teachers"/></td></xsl:for-each></tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </figure>
  </xsl:template>

  <!-- 3. records waiting per school and review stage -->
  <xsl:template name="chart-waiting">
    <xsl:variable name="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.wait.title'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="at-school"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.wait.school'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="at-district"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.wait.district'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="unit"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.records'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="series"><s label="{$at-school}"/><s label="{$at-district}"/></xsl:variable>
    <xsl:variable name="data">
      <xsl:for-each select="school">
        <row label="{name}">
          <seg value="{@unreviewed}" title="{name}：{$at-school} {@unreviewed} {$unit}"/>
          <seg value="{@awaiting-district}" title="{name}：{$at-district} {@awaiting-district} {$unit}"/>
        </row>
      </xsl:for-each>
    </xsl:variable>
    <figure class="chart-box" id="chart-wait-box">
      <figcaption><xsl:value-of select="$title"/></figcaption>
      <xsl:call-template name="chart-stacked">
        <xsl:with-param name="id" select="'chart-wait'"/>
        <xsl:with-param name="caption" select="$title"/>
        <xsl:with-param name="data" select="exsl:node-set($data)/row"/>
        <xsl:with-param name="series" select="exsl:node-set($series)/s"/>
      </xsl:call-template>
      <div class="table-wrap">
        <table class="list chart-table">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.school'"/></xsl:call-template></th>
            <th><xsl:value-of select="$at-school"/></th>
            <th><xsl:value-of select="$at-district"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="school">
              <tr><td><xsl:value-of select="name"/></td><td><xsl:value-of select="@unreviewed"/></td><td><xsl:value-of select="@awaiting-district"/></td></tr>
            </xsl:for-each>
            <tr class="total"><td><xsl:call-template name="s"><xsl:with-param name="k" select="'stats.total'"/></xsl:call-template></td>
              <td><xsl:value-of select="total/@unreviewed"/></td><td><xsl:value-of select="total/@awaiting-district"/></td></tr>
          </tbody>
        </table>
      </div>
    </figure>
  </xsl:template>

  <!-- 4. progress through the year: cumulative records per week -->
  <xsl:template name="chart-weeks">
    <xsl:variable name="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.title'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="w"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.w'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="w-end"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.w-end'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="cum"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.cumulative'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="cum-conf"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.confirmed-cumulative'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="series"><s label="{$cum}"/><s label="{$cum-conf}"/></xsl:variable>
    <xsl:variable name="every" select="ceiling(count(weeks/week) div 6)"/>
    <xsl:variable name="data">
      <xsl:for-each select="weeks/week">
        <pt label="{@n}">
          <xsl:attribute name="show"><xsl:choose><xsl:when test="@n = 1 or @n mod $every = 0">yes</xsl:when><xsl:otherwise>no</xsl:otherwise></xsl:choose></xsl:attribute>
          <v value="{@cumulative}" title="{$w}{@n}{$w-end}（{@from}–{@to}）{$cum} {@cumulative}"/>
          <v value="{@confirmed-cumulative}" title="{$cum-conf} {@confirmed-cumulative}"/>
        </pt>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="weeks/week">
      <figure class="chart-box" id="chart-weeks-box">
        <figcaption><xsl:value-of select="$title"/></figcaption>
        <xsl:call-template name="chart-line">
          <xsl:with-param name="id" select="'chart-weeks'"/>
          <xsl:with-param name="caption" select="$title"/>
          <xsl:with-param name="data" select="exsl:node-set($data)/pt"/>
          <xsl:with-param name="series" select="exsl:node-set($series)/s"/>
        </xsl:call-template>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.note'"/></xsl:call-template></p>
        <div class="table-wrap">
          <table class="list chart-table">
            <thead><tr>
              <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.week'"/></xsl:call-template></th>
              <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.dates'"/></xsl:call-template></th>
              <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.records'"/></xsl:call-template></th>
              <th><xsl:value-of select="$cum"/></th>
              <th><xsl:call-template name="s"><xsl:with-param name="k" select="'chart.weeks.confirmed'"/></xsl:call-template></th>
              <th><xsl:value-of select="$cum-conf"/></th>
            </tr></thead>
            <tbody>
              <xsl:for-each select="weeks/week">
                <tr><td><xsl:value-of select="@n"/></td><td><xsl:value-of select="@from"/>–<xsl:value-of select="substring(@to, 6)"/></td>
                  <td><xsl:value-of select="@records"/></td><td><xsl:value-of select="@cumulative"/></td>
                  <td><xsl:value-of select="@confirmed"/></td><td><xsl:value-of select="@confirmed-cumulative"/></td></tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </figure>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
