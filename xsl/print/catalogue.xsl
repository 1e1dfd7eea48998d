<?xml version="1.0" encoding="UTF-8"?>
<!--
  附件4 登记项目及标准一览表: the year's active items for the district's
  notice, A4. 项目分类 is one merged cell (rowspan) over its items; the
  total of the 学时 column at the bottom.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="paper.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:value-of select="district/@name"/><xsl:value-of select="year/@label"/><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="paper">
    <p class="annex"><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.annex'"/></xsl:call-template></p>
    <h1><xsl:value-of select="district/@name"/><xsl:value-of select="year/@label"/><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.school-year'"/></xsl:call-template><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.title'"/></xsl:call-template></h1>
    <table class="catalogue">
      <thead>
        <tr>
          <th class="c-category"><xsl:call-template name="str"><xsl:with-param name="k" select="'catalogue.sheet.col.category'"/></xsl:call-template></th>
          <th class="c-name"><xsl:call-template name="str"><xsl:with-param name="k" select="'catalogue.sheet.col.name'"/></xsl:call-template></th>
          <th class="c-hours"><xsl:call-template name="str"><xsl:with-param name="k" select="'catalogue.sheet.col.hours'"/></xsl:call-template></th>
          <th class="c-unit"><xsl:call-template name="str"><xsl:with-param name="k" select="'catalogue.sheet.col.unit'"/></xsl:call-template></th>
          <th class="c-conditions"><xsl:call-template name="str"><xsl:with-param name="k" select="'catalogue.sheet.col.conditions'"/></xsl:call-template></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="catalogue/category">
          <xsl:variable name="cat" select="."/>
          <xsl:for-each select="item">
            <tr>
              <xsl:if test="position() = 1">
                <th scope="rowgroup" class="category" rowspan="{$cat/@rows}"><xsl:value-of select="$cat/@name"/></th>
              </xsl:if>
              <td><xsl:value-of select="name"/></td>
              <td class="num"><xsl:value-of select="@hours"/></td>
              <td><xsl:value-of select="unit"/></td>
              <td class="conditions"><xsl:value-of select="conditions"/></td>
            </tr>
          </xsl:for-each>
        </xsl:for-each>
      </tbody>
      <tfoot>
        <tr class="total">
          <th colspan="2"><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.total'"/></xsl:call-template></th>
          <td class="num total-hours"><xsl:value-of select="catalogue/@hours"/></td>
          <td colspan="2"><xsl:call-template name="str"><xsl:with-param name="k" select="'catprint.items'"/></xsl:call-template><xsl:value-of select="catalogue/@items"/></td>
        </tr>
      </tfoot>
    </table>
  </xsl:template>
</xsl:stylesheet>
