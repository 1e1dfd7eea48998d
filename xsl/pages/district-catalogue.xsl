<?xml version="1.0" encoding="UTF-8"?>
<!--
  The district's catalogue editor (pages/catalogue.h): the year's items
  (登记项目及标准) and cap groups (/district/years/{year}/catalogue). The item
  form (district-item.xsl) and the group page (district-group.xsl) import
  this one for the shared templates.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.title'"/></xsl:call-template> · <xsl:value-of select="year/@label"/></xsl:template>

  <!-- Saved / refused notices, and the impact of a change not yet saved. -->
  <xsl:template name="notices">
    <xsl:if test="/page/saved"><p class="notice" role="status"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.saved'"/></xsl:call-template></p></xsl:if>
    <xsl:if test="/page/refused"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('refused.', /page/refused/@code)"/></xsl:call-template></p></xsl:if>
    <xsl:if test="not(/page/year/@current)"><p class="notice"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.read-only'"/></xsl:call-template></p></xsl:if>
    <xsl:apply-templates select="/page/impact"/>
  </xsl:template>

  <xsl:template match="impact">
    <section class="card impact" role="alert">
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact'"/></xsl:call-template></h2>
      <p>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-changed'"/></xsl:call-template>
        <strong class="impact-changed"><xsl:value-of select="@changed"/></strong>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-of'"/></xsl:call-template>
        <xsl:value-of select="@teachers"/>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-teachers'"/></xsl:call-template>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-pass-to-fail'"/></xsl:call-template>
        <strong class="impact-pass-to-fail"><xsl:value-of select="@pass-to-fail"/></strong>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-fail-to-pass'"/></xsl:call-template>
        <strong class="impact-fail-to-pass"><xsl:value-of select="@fail-to-pass"/></strong>
        <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-people'"/></xsl:call-template>
      </p>
      <div class="table-wrap">
        <table class="list">
          <thead><tr>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-school'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-name'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-before'"/></xsl:call-template></th>
            <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-after'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="teacher">
              <tr class="impact-teacher">
                <td data-label="{$S/s[@k='catalogue.impact-school']}"><xsl:value-of select="@school"/><xsl:if test="@confirmed"><strong><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.confirmed-school'"/></xsl:call-template></strong></xsl:if></td>
                <td data-label="{$S/s[@k='catalogue.impact-name']}"><xsl:value-of select="@name"/></td>
                <td data-label="{$S/s[@k='catalogue.impact-before']}" class="num"><xsl:value-of select="@before"/>
                  <xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="concat('catalogue.pass.', @before-pass)"/></xsl:call-template></td>
                <td data-label="{$S/s[@k='catalogue.impact-after']}" class="num"><xsl:value-of select="@after"/>
                  <xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="concat('catalogue.pass.', @after-pass)"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:if test="not(/page/refused)"><p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.impact-confirm'"/></xsl:call-template></p></xsl:if>
    </section>
  </xsl:template>

  <!-- The confirm flag, once the impact is shown. -->
  <xsl:template name="confirm">
    <xsl:if test="/page/impact and not(/page/refused)"><input type="hidden" name="confirm" value="1"/></xsl:if>
  </xsl:template>

  <xsl:template name="save-label">
    <xsl:param name="k" select="'catalogue.save'"/>
    <xsl:choose>
      <xsl:when test="/page/impact and not(/page/refused)"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.save-confirm'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="$k"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What an item's rule and caps say, in a line. -->
  <xsl:template name="rule-line">
    <xsl:call-template name="s"><xsl:with-param name="k" select="concat('catalogue.rule.', @rule-type)"/></xsl:call-template>
    <xsl:if test="@cap">
      <xsl:text>；</xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.item-cap'"/></xsl:call-template><xsl:value-of select="@cap"/>
    </xsl:if>
    <xsl:if test="@group">
      <xsl:text>；</xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.in-group'"/></xsl:call-template>
      <a href="/district/groups/{@group}"><xsl:value-of select="@group-name"/></a>（<xsl:value-of select="@group-cap"/>）
    </xsl:if>
    <xsl:if test="@normative"><xsl:text>；</xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.normative'"/></xsl:call-template></xsl:if>
    <xsl:if test="@needs-project"><xsl:text>；</xsl:text><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.needs-project'"/></xsl:call-template></xsl:if>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="y" select="year"/>
    <xsl:variable name="rw" select="boolean($y/@current)"/>
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.title'"/></xsl:call-template> · <xsl:value-of select="$y/@label"/></h1>
    <p><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.intro'"/></xsl:call-template></p>
    <xsl:call-template name="notices"/>
    <p class="catalogue-total">
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.total-items'"/></xsl:call-template>
      <strong><xsl:value-of select="items/@active"/></strong>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.total-hours'"/></xsl:call-template>
      <strong><xsl:value-of select="items/@hours"/></strong>
      <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.hours-unit'"/></xsl:call-template>
    </p>
    <p class="actions">
      <xsl:if test="$rw"><a class="button" href="/district/years/{$y/@id}/catalogue/new"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.new'"/></xsl:call-template></a><xsl:text> </xsl:text></xsl:if>
      <a href="/district/years/{$y/@id}/catalogue.xlsx"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.export'"/></xsl:call-template></a>
      <xsl:text> · </xsl:text>
      <a href="/district/years/{$y/@id}/catalogue/print"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.print'"/></xsl:call-template></a>
      <xsl:if test="$rw">
        <xsl:text> · </xsl:text>
        <a href="/district/years/{$y/@id}/catalogue/import"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.import'"/></xsl:call-template></a>
      </xsl:if>
    </p>
    <div class="table-wrap">
      <table class="list catalogue">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.category'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.hours'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.unit'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.rule'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.records'"/></xsl:call-template></th>
          <xsl:if test="$rw"><th></th></xsl:if>
        </tr></thead>
        <tbody>
          <xsl:for-each select="items/item">
            <tr id="item-{@id}">
              <xsl:if test="@retired"><xsl:attribute name="class">retired</xsl:attribute></xsl:if>
              <td data-label="{$S/s[@k='catalogue.category']}"><xsl:value-of select="category"/></td>
              <td data-label="{$S/s[@k='catalogue.name']}"><xsl:value-of select="name"/>
                <xsl:if test="@retired"> <strong>（<xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.retired'"/></xsl:call-template>）</strong></xsl:if></td>
              <td data-label="{$S/s[@k='catalogue.hours']}" class="num"><xsl:value-of select="@hours"/></td>
              <td data-label="{$S/s[@k='catalogue.unit']}"><xsl:value-of select="unit"/></td>
              <td data-label="{$S/s[@k='catalogue.rule']}"><xsl:call-template name="rule-line"/></td>
              <td data-label="{$S/s[@k='catalogue.records']}" class="num"><xsl:value-of select="@records"/></td>
              <xsl:if test="$rw">
                <td class="row-actions">
                  <a href="/district/items/{@id}"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.edit'"/></xsl:call-template></a>
                  <form method="post" action="/district/items/{@id}/move" class="inline">
                    <xsl:call-template name="csrf"/>
                    <button type="submit" name="dir" value="up" title="{$S/s[@k='catalogue.up']}">↑</button>
                    <button type="submit" name="dir" value="down" title="{$S/s[@k='catalogue.down']}">↓</button>
                  </form>
                  <xsl:choose>
                    <xsl:when test="@retired">
                      <form method="post" action="/district/items/{@id}/restore" class="inline"><xsl:call-template name="csrf"/>
                        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.restore'"/></xsl:call-template></button></form>
                    </xsl:when>
                    <xsl:otherwise>
                      <form method="post" action="/district/items/{@id}/retire" class="inline"><xsl:call-template name="csrf"/>
                        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.retire'"/></xsl:call-template></button></form>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </xsl:if>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>

    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.groups'"/></xsl:call-template></h2>
    <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.groups-intro'"/></xsl:call-template></p>
    <div class="table-wrap">
      <table class="list">
        <thead><tr>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-name'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-cap'"/></xsl:call-template></th>
          <th><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-items'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:for-each select="groups/group">
            <tr>
              <td data-label="{$S/s[@k='catalogue.group-name']}"><a href="/district/groups/{@id}"><xsl:value-of select="name"/></a></td>
              <td data-label="{$S/s[@k='catalogue.group-cap']}" class="num"><xsl:value-of select="@cap"/></td>
              <td data-label="{$S/s[@k='catalogue.group-items']}" class="num"><xsl:value-of select="@items"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
    <xsl:if test="$rw">
      <h3><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-new'"/></xsl:call-template></h3>
      <form method="post" action="/district/years/{$y/@id}/groups">
        <xsl:call-template name="csrf"/>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'code'"/><xsl:with-param name="label" select="'catalogue.group-code'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'catalogue.group-name'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'cap'"/><xsl:with-param name="label" select="'catalogue.group-cap'"/></xsl:call-template>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-add'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
