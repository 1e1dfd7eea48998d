<?xml version="1.0" encoding="UTF-8"?>
<!--
  The system administrator's districts (/admin/districts): the list and the
  form for a new one; or one district's names (/admin/districts/{id}).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'districts.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:choose>
      <xsl:when test="edit/district">
        <xsl:variable name="d" select="edit/district"/>
        <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.rename'"/></xsl:call-template> · <xsl:value-of select="$d/name"/> (<xsl:value-of select="$d/@code"/>)</h1>
        <form method="post" action="/admin/districts/{$d/@id}">
          <xsl:call-template name="csrf"/>
          <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'districts.name'"/></xsl:call-template>
          <xsl:call-template name="input"><xsl:with-param name="n" select="'authority'"/><xsl:with-param name="label" select="'districts.authority'"/></xsl:call-template>
          <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.save'"/></xsl:call-template></button>
        </form>
        <p><a href="/admin/districts"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.title'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="districts"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="districts">
    <xsl:variable name="from" select="/page/form/value[@name = 'from']"/>
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.title'"/></xsl:call-template></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.intro'"/></xsl:call-template></p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.code-col'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.name-col'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.authority-col'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.year'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.schools'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.admins'"/></xsl:call-template></th>
          <th></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="district">
            <tr>
              <td data-label="{$S/s[@k='districts.code-col']}"><xsl:value-of select="@code"/></td>
              <td data-label="{$S/s[@k='districts.name-col']}"><xsl:value-of select="name"/></td>
              <td data-label="{$S/s[@k='districts.authority-col']}"><xsl:value-of select="authority"/></td>
              <td data-label="{$S/s[@k='districts.year']}"><xsl:value-of select="@year"/></td>
              <td data-label="{$S/s[@k='districts.schools']}" class="num"><xsl:value-of select="@schools"/></td>
              <td data-label="{$S/s[@k='districts.admins']}"><xsl:value-of select="admins"/></td>
              <td><a href="/admin/districts/{@id}"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.rename'"/></xsl:call-template></a></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <p><a href="/accounts/new"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.new-admin'"/></xsl:call-template></a></p>
    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.create'"/></xsl:call-template></h2>
    <form method="post" action="/admin/districts">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'code'"/><xsl:with-param name="label" select="'districts.code'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'districts.name'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'authority'"/><xsl:with-param name="label" select="'districts.authority'"/></xsl:call-template>
      <div class="field">
        <xsl:if test="/page/form/form-error[@field = 'from']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-from"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.from'"/></xsl:call-template></label>
        <select id="f-from" name="from">
          <xsl:for-each select="$S/s[starts-with(@k, 'districts.from.')]">
            <xsl:variable name="code" select="substring-after(@k, 'districts.from.')"/>
            <option value="{$code}">
              <xsl:if test="$code = $from"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'from'"/></xsl:call-template>
      </div>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'label'"/><xsl:with-param name="label" select="'districts.label'"/></xsl:call-template>
      <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'districts.create'"/></xsl:call-template></button>
    </form>
  </xsl:template>
</xsl:stylesheet>
