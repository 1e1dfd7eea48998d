<?xml version="1.0" encoding="UTF-8"?>
<!--
  The district's schools (/district/schools): the list with the add form,
  or one school's edit form (/district/schools/{id}/edit).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'schools.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <!-- The code, name and kind fields, keeping what was typed. -->
  <xsl:template name="school-fields">
    <xsl:variable name="kind" select="/page/form/value[@name = 'kind']"/>
    <xsl:call-template name="input"><xsl:with-param name="n" select="'code'"/><xsl:with-param name="label" select="'schools.code'"/></xsl:call-template>
    <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'schools.name'"/></xsl:call-template>
    <div class="field">
      <xsl:if test="/page/form/form-error[@field = 'kind']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
      <label for="f-kind"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.kind'"/></xsl:call-template></label>
      <select id="f-kind" name="kind">
        <xsl:for-each select="$S/s[starts-with(@k, 'schoolkind.')]">
          <xsl:variable name="code" select="substring-after(@k, 'schoolkind.')"/>
          <option value="{$code}">
            <xsl:if test="$code = $kind"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="."/>
          </option>
        </xsl:for-each>
      </select>
      <xsl:call-template name="field-error"><xsl:with-param name="n" select="'kind'"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="edit/school">
        <xsl:variable name="e" select="edit/school"/>
        <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.edit-title'"/></xsl:call-template> · <xsl:value-of select="$e/name"/></h1>
        <form method="post" action="/district/schools/{$e/@id}/edit">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="school-fields"/>
          <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.save'"/></xsl:call-template></button>
        </form>
        <p><a href="/district/schools"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.title'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="schools"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="schools">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.intro'"/></xsl:call-template></p>
    <xsl:if test="/page/refused"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('refused.', /page/refused/@code)"/></xsl:call-template></p></xsl:if>
    <xsl:if test="not(school)"><p><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.none'"/></xsl:call-template></p></xsl:if>
    <xsl:if test="school">
      <div class="table-wrap">
        <table class="list">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.code-col'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.name'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.kind'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.teachers'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.admins'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.state'"/></xsl:call-template></th>
            <th></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="school">
              <tr>
                <td data-label="{$S/s[@k='schools.code-col']}"><xsl:value-of select="@code"/></td>
                <td data-label="{$S/s[@k='schools.name']}"><xsl:value-of select="name"/></td>
                <td data-label="{$S/s[@k='schools.kind']}"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('schoolkind.', @kind)"/></xsl:call-template></td>
                <td data-label="{$S/s[@k='schools.teachers']}" class="num"><xsl:value-of select="@teachers"/></td>
                <td data-label="{$S/s[@k='schools.admins']}"><xsl:value-of select="admins"/></td>
                <td data-label="{$S/s[@k='schools.state']}">
                  <xsl:choose>
                    <xsl:when test="@active = '1'"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.active'"/></xsl:call-template></xsl:when>
                    <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.inactive'"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td>
                  <a href="/district/schools/{@id}/edit"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.edit'"/></xsl:call-template></a>
                  <xsl:text> </xsl:text>
                  <form method="post" class="inline">
                    <xsl:attribute name="action">
                      <xsl:choose>
                        <xsl:when test="@active = '1'">/district/schools/<xsl:value-of select="@id"/>/deactivate</xsl:when>
                        <xsl:otherwise>/district/schools/<xsl:value-of select="@id"/>/activate</xsl:otherwise>
                      </xsl:choose>
                    </xsl:attribute>
                    <xsl:call-template name="csrf"/>
                    <button type="submit">
                      <xsl:choose>
                        <xsl:when test="@active = '1'"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.deactivate'"/></xsl:call-template></xsl:when>
                        <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.activate'"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </button>
                  </form>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <p><a href="/accounts/new"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.new-admin'"/></xsl:call-template></a></p>
    </xsl:if>
    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.add'"/></xsl:call-template></h2>
    <form method="post" action="/district/schools">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="school-fields"/>
      <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'schools.add'"/></xsl:call-template></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
