<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- One account: its details, actions and history. -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'account.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <xsl:variable name="a" select="account"/>
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'account.title'"/></xsl:call-template> <xsl:value-of select="$a/@login"/></h1>
    <dl class="details">
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.name'"/></xsl:call-template></dt><dd><xsl:value-of select="$a/name"/></dd>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.role'"/></xsl:call-template></dt><dd><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role.', $a/@role)"/></xsl:call-template></dd>
      <xsl:if test="$a/district"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.district'"/></xsl:call-template></dt><dd><xsl:value-of select="$a/district"/></dd></xsl:if>
      <xsl:if test="$a/school"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></dt><dd><xsl:value-of select="$a/school"/></dd></xsl:if>
      <xsl:if test="$a/teacher"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.teacher'"/></xsl:call-template></dt><dd><xsl:value-of select="$a/teacher"/> (<xsl:value-of select="$a/teacher/@staff-no"/>)</dd></xsl:if>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'account.state'"/></xsl:call-template></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$a/@active = 'no'"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.disabled'"/></xsl:call-template></xsl:when>
          <xsl:when test="$a/@locked = 'yes'"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.locked'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="k" select="'account.active'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </dd>
    </dl>
    <div class="actions">
      <xsl:choose>
        <xsl:when test="$a/@active = 'yes'">
          <form method="post" action="/accounts/{$a/@id}/disable" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.disable'"/></xsl:call-template></button>
          </form>
          <form method="post" action="/accounts/{$a/@id}/reset" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.reset'"/></xsl:call-template></button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <form method="post" action="/accounts/{$a/@id}/enable" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'account.enable'"/></xsl:call-template></button>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </div>
    <xsl:if test="$a/@role = 'school_admin' and $a/@active = 'yes' and user/@role = 'district_admin'">
      <section class="card">
        <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'handover.heading'"/></xsl:call-template></h2>
        <p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'handover.hint'"/></xsl:call-template></p>
        <form method="post" action="/accounts/{$a/@id}/handover">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="input">
            <xsl:with-param name="n" select="'login'"/>
            <xsl:with-param name="label" select="'handover.login'"/>
          </xsl:call-template>
          <xsl:call-template name="input">
            <xsl:with-param name="n" select="'name'"/>
            <xsl:with-param name="label" select="'handover.name'"/>
          </xsl:call-template>
          <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'handover.submit'"/></xsl:call-template></button>
        </form>
      </section>
    </xsl:if>
    <xsl:if test="history/event">
      <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'account.history'"/></xsl:call-template></h2>
      <ul class="history">
        <xsl:for-each select="history/event">
          <li><time><xsl:value-of select="@at"/></time><xsl:text> </xsl:text>
            <xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.', @action)"/></xsl:call-template>
            <xsl:if test="string(@by)"><xsl:text> · </xsl:text><xsl:value-of select="@by"/></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
