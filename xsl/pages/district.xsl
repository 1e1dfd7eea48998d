<?xml version="1.0" encoding="UTF-8"?>
<!-- The district's schools and the state of their years. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="str"><xsl:with-param name="k" select="'district.title'"/></xsl:call-template></h1>
    <xsl:call-template name="deadlines"><xsl:with-param name="list" select="deadlines/deadline"/></xsl:call-template>
    <p><a class="button" href="/district/review"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.queue'"/></xsl:call-template></a></p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr><th><xsl:call-template name="str"><xsl:with-param name="k" select="'account.school'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.teachers'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'school.state'"/></xsl:call-template></th><th><xsl:call-template name="str"><xsl:with-param name="k" select="'district.to-review'"/></xsl:call-template></th><th></th></tr></thead>
        <tbody>
          <xsl:for-each select="schools/school">
            <tr>
              <td><a href="/district/schools/{@id}"><xsl:value-of select="name"/></a></td>
              <td><xsl:value-of select="@teachers"/></td>
              <td><xsl:call-template name="str"><xsl:with-param name="k" select="concat('year-state.', @state)"/></xsl:call-template>
                <xsl:if test="@late = 'yes'"> <span class="flag"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.late'"/></xsl:call-template></span></xsl:if></td>
              <td><xsl:value-of select="@to-review"/></td>
              <td><a href="/district/review?school={@id}"><xsl:call-template name="str"><xsl:with-param name="k" select="'district.queue'"/></xsl:call-template></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>
</xsl:stylesheet>
