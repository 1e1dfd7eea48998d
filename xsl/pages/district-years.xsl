<?xml version="1.0" encoding="UTF-8"?>
<!--
  The district's school years (/district/years: the list) and one year's
  policy and deadlines (/district/years/{year}: the form, read-only for an
  earlier year).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'years.title'"/></xsl:call-template><xsl:if test="year"> · <xsl:value-of select="year/@label"/></xsl:if></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="deadlines">
    <xsl:param name="y"/>
    <xsl:for-each select="$y/@register-deadline | $y/@school-review-deadline | $y/@district-review-deadline">
      <xsl:if test="position() &gt; 1"> / </xsl:if><xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:if test="not($y/@register-deadline | $y/@school-review-deadline | $y/@district-review-deadline)">
      <xsl:call-template name="s"><xsl:with-param name="k" select="'years.none'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="years"><xsl:apply-templates select="years"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="year"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="years">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'years.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'years.intro'"/></xsl:call-template></p>
    <xsl:if test="/page/opened">
      <p class="notice" role="status">
        <xsl:call-template name="s"><xsl:with-param name="k" select="'years.opened'"/></xsl:call-template>
        <xsl:value-of select="/page/opened/@teachers"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'years.opened-regularised'"/></xsl:call-template>
        <xsl:value-of select="/page/opened/@regularised"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'years.opened-end'"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="/page/refused"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('refused.', /page/refused/@code)"/></xsl:call-template></p></xsl:if>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'years.label'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'years.period'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'years.deadlines'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'years.confirmed'"/></xsl:call-template></th>
          <th></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="year">
            <tr>
              <td data-label="{$S/s[@k='years.label']}"><xsl:value-of select="@label"/>
                <xsl:if test="@current"> <strong>（<xsl:call-template name="s"><xsl:with-param name="k" select="'years.current'"/></xsl:call-template>）</strong></xsl:if></td>
              <td data-label="{$S/s[@k='years.period']}"><xsl:value-of select="@starts"/><xsl:call-template name="s"><xsl:with-param name="k" select="'form.range-to'"/></xsl:call-template><xsl:value-of select="@ends"/></td>
              <td data-label="{$S/s[@k='years.deadlines']}"><xsl:call-template name="deadlines"><xsl:with-param name="y" select="."/></xsl:call-template></td>
              <td data-label="{$S/s[@k='years.confirmed']}" class="num"><xsl:value-of select="@confirmed"/> / <xsl:value-of select="@schools"/></td>
              <td><a href="/district/years/{@id}"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.open'"/></xsl:call-template></a>
                <xsl:text> · </xsl:text><a href="/district/years/{@id}/catalogue"><xsl:call-template name="s"><xsl:with-param name="k" select="'nav.catalogue'"/></xsl:call-template></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:if test="/page/next">
      <xsl:variable name="n" select="/page/next"/>
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'years.open-title'"/></xsl:call-template></h2>
      <p><xsl:call-template name="s"><xsl:with-param name="k" select="'years.open-intro'"/></xsl:call-template></p>
      <form method="post" action="/district/years/open">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'label'"/><xsl:with-param name="label" select="'years.open-label'"/></xsl:call-template>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.open-bounds'"/></xsl:call-template><xsl:value-of select="$n/@starts"/><xsl:call-template name="s"><xsl:with-param name="k" select="'form.range-to'"/></xsl:call-template><xsl:value-of select="$n/@ends"/></p>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'starts_on'"/><xsl:with-param name="label" select="'years.open-starts'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'ends_on'"/><xsl:with-param name="label" select="'years.open-ends'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.open-button'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template match="year">
    <xsl:variable name="ro" select="not(@current)"/>
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'years.title'"/></xsl:call-template> · <xsl:value-of select="@label"/></h1>
    <p><xsl:value-of select="@starts"/><xsl:call-template name="s"><xsl:with-param name="k" select="'form.range-to'"/></xsl:call-template><xsl:value-of select="@ends"/>
      · <xsl:call-template name="s"><xsl:with-param name="k" select="'years.confirmed'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@confirmed"/> / <xsl:value-of select="@schools"/></p>
    <p><a href="/district/years/{@id}/catalogue"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.title'"/></xsl:call-template></a></p>
    <xsl:if test="/page/saved"><p class="notice" role="status"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.saved'"/></xsl:call-template></p></xsl:if>
    <xsl:if test="/page/refused"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('refused.', /page/refused/@code)"/></xsl:call-template></p></xsl:if>
    <xsl:if test="$ro"><p class="notice"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.read-only'"/></xsl:call-template></p></xsl:if>
    <xsl:if test="@no-policy"><p class="notice"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.no-policy'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="/district/years/{@id}">
      <xsl:call-template name="csrf"/>
      <fieldset>
        <xsl:if test="$ro"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'years.policy'"/></xsl:call-template></legend>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.examples'"/></xsl:call-template></p>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'min_hours'"/><xsl:with-param name="label" select="'years.min-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'normative_min_hours'"/><xsl:with-param name="label" select="'years.normative-min-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'new_teacher_hours'"/><xsl:with-param name="label" select="'years.new-teacher-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'new_principal_hours'"/><xsl:with-param name="label" select="'years.new-principal-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'cycle_years'"/><xsl:with-param name="label" select="'years.cycle-years'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'cycle_min_hours'"/><xsl:with-param name="label" select="'years.cycle-min-hours'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'flag_percent'"/><xsl:with-param name="label" select="'years.flag-percent'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'terms_per_year'"/><xsl:with-param name="label" select="'years.terms'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:variable name="reading" select="/page/form/value[@name = 'points_reading']"/>
        <div class="field">
          <xsl:if test="/page/form/form-error[@field = 'points_reading']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-points_reading"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.points-reading'"/></xsl:call-template></label>
          <select id="f-points_reading" name="points_reading">
            <xsl:for-each select="$S/s[starts-with(@k, 'years.points.')]">
              <xsl:variable name="code" select="substring-after(@k, 'years.points.')"/>
              <option value="{$code}">
                <xsl:if test="$code = $reading"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'points_reading'"/></xsl:call-template>
        </div>
      </fieldset>
      <fieldset>
        <xsl:if test="$ro"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'years.deadlines-title'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'register_deadline'"/><xsl:with-param name="label" select="'years.register-deadline'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'school_review_deadline'"/><xsl:with-param name="label" select="'years.school-review-deadline'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'district_review_deadline'"/><xsl:with-param name="label" select="'years.district-review-deadline'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
      </fieldset>
      <xsl:if test="not($ro)">
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'years.save'"/></xsl:call-template></button>
      </xsl:if>
    </form>
  </xsl:template>
</xsl:stylesheet>
