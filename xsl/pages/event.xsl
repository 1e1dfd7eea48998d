<?xml version="1.0" encoding="UTF-8"?>
<!--
  One training event (pages/events.c): what it is, the projector links, its
  attendance with late and early marked, the correction form, closing.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:include href="../event-common.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="event/title"/></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="e" select="event"/>
    <xsl:variable name="base" select="concat('/', @side, '/events/', $e/@id)"/>
    <xsl:variable name="admin" select="@side = 'district' or user/@role = 'school_admin'"/>
    <p class="back"><a href="/{@side}/events"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.back'"/></xsl:call-template></a></p>
    <h1><xsl:value-of select="$e/title"/></h1>
    <xsl:if test="refused"><p class="notice" role="alert"><xsl:call-template name="es"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template>
      <xsl:for-each select="refused/school"><xsl:if test="position() &gt; 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each></p></xsl:if>
    <xsl:call-template name="event-facts"/>
    <p class="actions">
      <xsl:if test="$e/@state = 'open' and $admin">
        <xsl:for-each select="$S/s[starts-with(@k, 'events.session.')]">
          <xsl:variable name="s" select="substring-after(@k, 'events.session.')"/>
          <xsl:if test="$e/@sessions = 'both' or $e/@sessions = $s">
            <a href="{$base}/signin?session={$s}&amp;mode=in"><xsl:value-of select="."/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.open-in'"/></xsl:call-template></a>
            <xsl:text> · </xsl:text>
            <a href="{$base}/signin?session={$s}&amp;mode=out"><xsl:value-of select="."/><xsl:call-template name="es"><xsl:with-param name="k" select="'events.open-out'"/></xsl:call-template></a>
            <xsl:text> · </xsl:text>
          </xsl:if>
        </xsl:for-each>
      </xsl:if>
      <a href="{$base}/print"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.print'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="{$base}/attendance.xlsx"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.xlsx'"/></xsl:call-template></a>
    </p>
    <h2><xsl:call-template name="es"><xsl:with-param name="k" select="'events.attendance'"/></xsl:call-template></h2>
    <xsl:call-template name="attendance-table"/>
    <xsl:if test="$e/@state = 'open' and $admin">
      <h2><xsl:call-template name="es"><xsl:with-param name="k" select="'events.correct-title'"/></xsl:call-template></h2>
      <p class="hint"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.correct-hint'"/></xsl:call-template></p>
      <xsl:if test="form[@name = 'correct']/form-error"><p class="notice" role="alert"><xsl:call-template name="es"><xsl:with-param name="k" select="'record-new.has-errors'"/></xsl:call-template></p></xsl:if>
      <form method="post" action="{$base}/attendance">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'staff_no'"/><xsl:with-param name="label" select="'events.field.staff_no'"/></xsl:call-template>
        <div class="field">
          <label for="f-session"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.session'"/></xsl:call-template></label>
          <select id="f-session" name="session">
            <xsl:for-each select="$S/s[starts-with(@k, 'events.session.')]">
              <xsl:variable name="s" select="substring-after(@k, 'events.session.')"/>
              <xsl:if test="$e/@sessions = 'both' or $e/@sessions = $s"><option value="{$s}"><xsl:value-of select="."/></option></xsl:if>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'session'"/></xsl:call-template>
        </div>
        <div class="field">
          <label for="f-present"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.present'"/></xsl:call-template></label>
          <select id="f-present" name="present">
            <xsl:for-each select="$S/s[starts-with(@k, 'events.presence.')]">
              <option value="{substring-after(@k, 'events.presence.')}"><xsl:value-of select="."/></option>
            </xsl:for-each>
          </select>
        </div>
        <div class="field">
          <xsl:if test="form[@name = 'correct']/form-error[@field = 'reason']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-reason"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.field.reason'"/></xsl:call-template></label>
          <textarea id="f-reason" name="reason" rows="2"><xsl:value-of select="form[@name = 'correct']/value[@name = 'reason']"/></textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'reason'"/></xsl:call-template>
        </div>
        <button type="submit"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.correct-button'"/></xsl:call-template></button>
      </form>
      <h2><xsl:call-template name="es"><xsl:with-param name="k" select="'events.close-title'"/></xsl:call-template></h2>
      <p class="hint"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.close-hint'"/></xsl:call-template></p>
      <form method="post" action="{$base}/close" class="actions">
        <xsl:call-template name="csrf"/>
        <button type="submit" class="primary"><xsl:call-template name="es"><xsl:with-param name="k" select="'events.close'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
