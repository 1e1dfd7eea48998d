<?xml version="1.0" encoding="UTF-8"?>
<!--
  One cap group (/district/groups/{group}): its name and cap, the items it
  holds (tick to move an item in, untick to take it out), and removing it.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="district-catalogue.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group'"/></xsl:call-template> · <xsl:value-of select="group/name"/></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="y" select="year"/>
    <xsl:variable name="g" select="group"/>
    <xsl:variable name="rw" select="boolean($y/@current)"/>
    <xsl:variable name="posted" select="form/@name = 'group-items'"/>
    <p><a href="/district/years/{$y/@id}/catalogue"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.back'"/></xsl:call-template></a></p>
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group'"/></xsl:call-template> · <xsl:value-of select="$g/name"/>（<xsl:value-of select="$g/@cap"/>）</h1>
    <xsl:call-template name="notices"/>
    <xsl:if test="$rw">
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-edit'"/></xsl:call-template></h2>
      <form method="post" action="/district/groups/{$g/@id}">
        <xsl:call-template name="csrf"/>
        <xsl:if test="form/@name = 'group'"><xsl:call-template name="confirm"/></xsl:if>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'code'"/><xsl:with-param name="label" select="'catalogue.group-code'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'catalogue.group-name'"/></xsl:call-template>
        <xsl:call-template name="input"><xsl:with-param name="n" select="'cap'"/><xsl:with-param name="label" select="'catalogue.group-cap'"/></xsl:call-template>
        <button type="submit"><xsl:call-template name="save-label"/></button>
      </form>
    </xsl:if>
    <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-items'"/></xsl:call-template></h2>
    <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-items-intro'"/></xsl:call-template></p>
    <form method="post" action="/district/groups/{$g/@id}/items">
      <xsl:call-template name="csrf"/>
      <xsl:if test="$posted"><xsl:call-template name="confirm"/></xsl:if>
      <fieldset>
        <xsl:if test="not($rw)"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
        <legend><xsl:value-of select="$g/name"/></legend>
        <xsl:for-each select="items/item">
          <div class="field check">
            <label><input type="checkbox" name="item" value="{@id}">
              <xsl:if test="($posted and /page/chosen/@id = @id) or (not($posted) and @group = $g/@id)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input><xsl:text> </xsl:text><xsl:value-of select="category"/> · <xsl:value-of select="name"/>（<xsl:value-of select="@hours"/>）
            <xsl:if test="@group and @group != $g/@id"><span class="hint"> — <xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.in-group'"/></xsl:call-template><xsl:value-of select="@group-name"/></span></xsl:if>
            </label>
          </div>
        </xsl:for-each>
      </fieldset>
      <xsl:if test="$rw"><button type="submit"><xsl:call-template name="save-label"><xsl:with-param name="k" select="'catalogue.group-items-save'"/></xsl:call-template></button></xsl:if>
    </form>
    <xsl:if test="$rw">
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-delete'"/></xsl:call-template></h2>
      <form method="post" action="/district/groups/{$g/@id}/delete">
        <xsl:call-template name="csrf"/>
        <xsl:if test="form/@name = 'group-delete'"><xsl:call-template name="confirm"/></xsl:if>
        <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'catalogue.group-delete-intro'"/></xsl:call-template></p>
        <button type="submit"><xsl:call-template name="save-label"><xsl:with-param name="k" select="'catalogue.group-delete'"/></xsl:call-template></button>
      </form>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
