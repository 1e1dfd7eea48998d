<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <!-- The audit log (the district sees its own: handovers, logins, changes). -->
  <xsl:template match="/page" mode="title">
    <xsl:call-template name="str"><xsl:with-param name="k" select="'audit.title'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.heading'"/></xsl:call-template></h1>
    <p><a href="/audit?action=school_admin_handover"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.only-handovers'"/></xsl:call-template></a> · <a href="/audit"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.all'"/></xsl:call-template></a></p>
    <div class="table-wrap">
    <table class="list">
      <thead><tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template><xsl:if test="audit/event"> (<xsl:value-of select="audit/event[1]/@time-zone"/>)</xsl:if></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.by'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.object'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.client'"/></xsl:call-template></th></tr></thead>
      <tbody>
        <xsl:for-each select="audit/event">
          <tr>
            <td><time><xsl:value-of select="@at"/></time></td>
            <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.', @action)"/></xsl:call-template>
              <xsl:if test="change">
                <ul class="changes">
                  <xsl:for-each select="change">
                    <li>
                      <xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.field.', @field)"/></xsl:call-template>
                      <xsl:text>：</xsl:text>
                      <xsl:if test="@before"><xsl:call-template name="audit-value"><xsl:with-param name="field" select="@field"/><xsl:with-param name="v" select="@before"/><xsl:with-param name="action" select="../@action"/></xsl:call-template><xsl:text> → </xsl:text></xsl:if>
                      <xsl:call-template name="audit-value"><xsl:with-param name="field" select="@field"/><xsl:with-param name="v" select="@after"/><xsl:with-param name="action" select="../@action"/></xsl:call-template>
                    </li>
                  </xsl:for-each>
                </ul>
              </xsl:if>
            </td>
            <td><xsl:value-of select="@by-name"/><xsl:if test="@by != '' and @by != @by-name"> (<xsl:value-of select="@by"/>)</xsl:if><xsl:if test="@by = '' and @client = 'xueshictl'"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.by-ctl'"/></xsl:call-template></xsl:if></td>
            <td>
              <xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.object.', @object-type)"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:choose>
                <xsl:when test="object"><xsl:value-of select="object"/></xsl:when>
                <xsl:when test="@object-id &gt; 0"><xsl:call-template name="str"><xsl:with-param name="k" select="'audit.object-gone'"/></xsl:call-template><xsl:value-of select="@object-id"/></xsl:when>
              </xsl:choose>
            </td>
            <td><xsl:value-of select="@client"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    </div>
  </xsl:template>

  <!-- A value as people read it: states and known words in Chinese, hours in hours. -->
  <xsl:template name="audit-value">
    <xsl:param name="field"/>
    <xsl:param name="v"/>
    <xsl:param name="action"/>
    <xsl:choose>
      <xsl:when test="$field = 'state' and starts-with($action, 'school_year_')"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('year-state.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'state' and $S/s[@k = concat('state.', $v)]"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'state' and $S/s[@k = concat('year-state.', $v)]"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('year-state.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'state' and $S/s[@k = concat('audit.state.', $v)]"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.state.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'category'"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('category.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'status'"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('status.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'role' and $S/s[@k = concat('role.', $v)]"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'active'"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('audit.active.', $v)"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'claimed_tenths'"><xsl:value-of select="format-number($v div 10, '0.#')"/><xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></xsl:when>
      <xsl:when test="$field = 'reason' and $S/s[@k = concat('form.', $v)]"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('form.', $v)"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
