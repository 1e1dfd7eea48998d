<?xml version="1.0" encoding="UTF-8"?>
<!--
  A teacher's sign-in (pages/events.c): the form for the typed 6 digits,
  the event a scanned QR code names with its button, and the result.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template name="ss">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="title"><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="f" select="form[@name = 'signin']"/>
    <h1><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.title'"/></xsl:call-template></h1>
    <xsl:if test="event"><h2><xsl:value-of select="event/title"/></h2>
      <p><xsl:value-of select="event/@held-on"/><xsl:if test="event/place"> · <xsl:value-of select="event/place"/></xsl:if></p></xsl:if>
    <xsl:choose>
      <xsl:when test="refused"><p class="notice" role="alert"><xsl:call-template name="ss"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p></xsl:when>
      <xsl:when test="signed">
        <p class="done" role="status"><strong><xsl:call-template name="ss"><xsl:with-param name="k" select="concat('signin.done-', signed/@mode)"/></xsl:call-template></strong>
          （<xsl:call-template name="ss"><xsl:with-param name="k" select="concat('events.session.', signed/@session)"/></xsl:call-template>）
          <xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.at'"/></xsl:call-template><xsl:value-of select="signed/@at"/></p>
        <xsl:if test="signed/@already"><p><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.already'"/></xsl:call-template></p></xsl:if>
      </xsl:when>
      <xsl:when test="$f/@session">
        <form method="post" action="/teacher/signin">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="e" value="{$f/value[@name = 'e']}"/>
          <input type="hidden" name="c" value="{$f/value[@name = 'c']}"/>
          <p><xsl:call-template name="ss"><xsl:with-param name="k" select="concat('events.session.', $f/@session)"/></xsl:call-template></p>
          <button type="submit" class="primary big"><xsl:call-template name="ss"><xsl:with-param name="k" select="concat('signin.confirm-', $f/@mode)"/></xsl:call-template></button>
        </form>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="not(signed) and not($f/@session)">
      <p><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.intro'"/></xsl:call-template></p>
      <form method="post" action="/teacher/signin">
        <xsl:call-template name="csrf"/>
        <div class="field">
          <xsl:if test="$f/form-error[@field = 'c']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-c"><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.code'"/></xsl:call-template></label>
          <input id="f-c" name="c" type="text" inputmode="numeric" autocomplete="off" maxlength="40" value="{$f/value[@name = 'c']}"/>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'c'"/></xsl:call-template>
        </div>
        <button type="submit" class="primary"><xsl:call-template name="ss"><xsl:with-param name="k" select="'signin.submit'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
