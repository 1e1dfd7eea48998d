<?xml version="1.0" encoding="UTF-8"?>
<!--
  Teacher accounts in bulk (/accounts/bulk, pages/accounts.c): the form,
  then the account slips, 8 to an A4 page. The one-time passwords arrive
  as the stylesheet parameter one_time_passwords (space-separated, in the
  order of the slips) and are never in the XML document.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings" extension-element-prefixes="str">
  <xsl:import href="../layout.xsl"/>
  <xsl:param name="one_time_passwords" select="''"/>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="slips"><xsl:apply-templates select="slips"/></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="bulk"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="bulk">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.intro'"/></xsl:call-template></p>
    <p class="bulk-count">
      <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.without'"/></xsl:call-template>
      <strong><xsl:value-of select="@without-account"/></strong>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.people'"/></xsl:call-template>
      <xsl:if test="@without-account &gt; 0">
        <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.no-staff'"/></xsl:call-template><xsl:value-of select="@without-staff-no"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.no-phone'"/></xsl:call-template><xsl:value-of select="@without-phone"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.people-end'"/></xsl:call-template>
      </xsl:if>
    </p>
    <xsl:if test="@without-account &gt; 0">
      <form method="post" action="/accounts/bulk">
        <xsl:call-template name="csrf"/>
        <fieldset class="field">
          <xsl:if test="/page/form/form-error[@field = 'login_kind']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <legend><xsl:call-template name="s"><xsl:with-param name="k" select="'account-new.login-kind'"/></xsl:call-template></legend>
          <label><input type="radio" name="login_kind" value="staff_no" checked="checked"/><xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'account-new.login-staff'"/></xsl:call-template></label>
          <label><input type="radio" name="login_kind" value="phone"/><xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'account-new.login-phone'"/></xsl:call-template></label>
          <xsl:call-template name="field-error"><xsl:with-param name="n" select="'login_kind'"/></xsl:call-template>
        </fieldset>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.hint'"/></xsl:call-template></p>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.create'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template match="slips">
    <xsl:variable name="pw" select="str:tokenize($one_time_passwords, ' ')"/>
    <xsl:variable name="all" select="slip"/>
    <div class="no-print">
      <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.title'"/></xsl:call-template></h1>
      <p class="notice" role="status">
        <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.made'"/></xsl:call-template>
        <strong class="made"><xsl:value-of select="@count"/></strong>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.made-end'"/></xsl:call-template>
      </p>
      <xsl:if test="../skipped/teacher">
        <p><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.skipped'"/></xsl:call-template></p>
        <ul class="skipped">
          <xsl:for-each select="../skipped/teacher">
            <li><xsl:value-of select="."/>：<xsl:call-template name="s"><xsl:with-param name="k" select="concat('form.', @reason)"/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <p><button type="button" class="print"><xsl:call-template name="s"><xsl:with-param name="k" select="'action.print'"/></xsl:call-template></button></p>
    </div>
    <xsl:for-each select="slip[position() mod 8 = 1]">
      <xsl:variable name="first" select="count(preceding-sibling::slip) + 1"/>
      <section class="slips-page">
        <xsl:for-each select="$all[position() &gt;= $first and position() &lt; $first + 8]">
          <xsl:variable name="p" select="$first + position() - 1"/>
          <div class="slip-card">
            <p class="slip-school"><xsl:value-of select="../@school"/> · <xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.slip-title'"/></xsl:call-template></p>
            <p class="slip-name"><xsl:value-of select="name"/></p>
            <p><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.address'"/></xsl:call-template><span class="mono"><xsl:value-of select="../@address"/></span></p>
            <p><xsl:call-template name="s"><xsl:with-param name="k" select="'account.login'"/></xsl:call-template>：<span class="mono big slip-login"><xsl:value-of select="@login"/></span></p>
            <p><xsl:call-template name="s"><xsl:with-param name="k" select="'account-password.password'"/></xsl:call-template>：<span class="mono big slip-password"><xsl:value-of select="$pw[$p]"/></span></p>
            <p class="slip-hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'account-bulk.slip-hint'"/></xsl:call-template></p>
          </div>
        </xsl:for-each>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
