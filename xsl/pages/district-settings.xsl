<?xml version="1.0" encoding="UTF-8"?>
<!--
  The district's own settings (/district/settings): names, the stamp's
  wording, the titles of the printed forms, whether teachers register
  themselves, the time zone and the school year's first day.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'settings.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.title'"/></xsl:call-template> · <xsl:value-of select="district/@name"/></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.intro'"/></xsl:call-template></p>
    <xsl:if test="saved"><p class="notice" role="status"><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.saved'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="/district/settings">
      <xsl:call-template name="csrf"/>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.names'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'settings.name'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'authority'"/><xsl:with-param name="label" select="'settings.authority'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'stamp_text'"/><xsl:with-param name="label" select="'settings.stamp'"/></xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.print'"/></xsl:call-template></legend>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'card_title'"/><xsl:with-param name="label" select="'settings.card-title'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'summary_title'"/><xsl:with-param name="label" select="'settings.summary-title'"/></xsl:call-template>
      </fieldset>
      <fieldset>
        <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.work'"/></xsl:call-template></legend>
        <div class="field check">
          <label>
            <input type="checkbox" name="self_registration" value="1">
              <xsl:if test="form/value[@name = 'self_registration']"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.self'"/></xsl:call-template>
          </label>
        </div>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'time_zone'"/><xsl:with-param name="label" select="'settings.time-zone'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'utc_offset_minutes'"/><xsl:with-param name="label" select="'settings.utc-offset'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'year_start_md'"/><xsl:with-param name="label" select="'settings.year-start'"/></xsl:call-template>
      </fieldset>
      <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'settings.save'"/></xsl:call-template></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
