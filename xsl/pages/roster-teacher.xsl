<?xml version="1.0" encoding="UTF-8"?>
<!--
  Adding a teacher to the school's roster, or changing one (the ID number is
  the key: it cannot be changed here). Checked as a one-row import: the
  reasons are the import's; what was typed is kept.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'roster.new'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="readonly" select="false()"/>
    <p>
      <label for="{$n}"><xsl:call-template name="s"><xsl:with-param name="k" select="$label"/></xsl:call-template></label><br/>
      <input id="{$n}" name="{$n}" value="{/page/form/value[@name = $n]}">
        <xsl:if test="$readonly"><xsl:attribute name="readonly">readonly</xsl:attribute></xsl:if>
      </input>
    </p>
  </xsl:template>

  <xsl:template name="choice">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="prefix"/>
    <xsl:param name="codes"/>
    <p>
      <label for="{$n}"><xsl:call-template name="s"><xsl:with-param name="k" select="$label"/></xsl:call-template></label><br/>
      <select id="{$n}" name="{$n}">
        <xsl:call-template name="options">
          <xsl:with-param name="n" select="$n"/><xsl:with-param name="prefix" select="$prefix"/><xsl:with-param name="codes" select="$codes"/>
        </xsl:call-template>
      </select>
    </p>
  </xsl:template>

  <xsl:template name="options">
    <xsl:param name="n"/>
    <xsl:param name="prefix"/>
    <xsl:param name="codes"/>
    <xsl:if test="string-length($codes) &gt; 0">
      <xsl:variable name="code" select="substring-before(concat($codes, ' '), ' ')"/>
      <option value="{$code}">
        <xsl:if test="/page/form/value[@name = $n] = $code"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:call-template name="s"><xsl:with-param name="k" select="concat($prefix, $code)"/></xsl:call-template>
      </option>
      <xsl:call-template name="options">
        <xsl:with-param name="n" select="$n"/><xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="codes" select="substring-after($codes, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.new'"/></xsl:call-template></h1>
    <xsl:for-each select="problem | error">
      <p class="error" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('import.', @code)"/></xsl:call-template></p>
    </xsl:for-each>
    <form method="post" action="/school/roster/new">
      <xsl:call-template name="csrf"/>
      <xsl:if test="@edit = '1'"><input type="hidden" name="edit" value="1"/></xsl:if>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'import.name'"/></xsl:call-template>
      <xsl:call-template name="choice"><xsl:with-param name="n" select="'gender'"/><xsl:with-param name="label" select="'roster.gender'"/><xsl:with-param name="prefix" select="'gender.'"/><xsl:with-param name="codes" select="'M F'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'id_number'"/><xsl:with-param name="label" select="'roster.id'"/><xsl:with-param name="readonly" select="@edit = '1'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'staff_no'"/><xsl:with-param name="label" select="'roster.staff-no'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'phone'"/><xsl:with-param name="label" select="'roster.phone'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'subject'"/><xsl:with-param name="label" select="'roster.subject'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'title'"/><xsl:with-param name="label" select="'roster.title'"/></xsl:call-template>
      <xsl:call-template name="choice"><xsl:with-param name="n" select="'category'"/><xsl:with-param name="label" select="'school.category'"/><xsl:with-param name="prefix" select="'category.'"/><xsl:with-param name="codes" select="'regular new_teacher new_principal'"/></xsl:call-template>
      <xsl:call-template name="choice"><xsl:with-param name="n" select="'status'"/><xsl:with-param name="label" select="'roster.status'"/><xsl:with-param name="prefix" select="'status.'"/><xsl:with-param name="codes" select="'in_post support_out exchange_in loan'"/></xsl:call-template>
      <xsl:call-template name="field"><xsl:with-param name="n" select="'receiving_unit'"/><xsl:with-param name="label" select="'roster.unit'"/></xsl:call-template>
      <p><button type="submit" class="primary"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.save'"/></xsl:call-template></button></p>
    </form>
    <xsl:if test="@teacher-year">
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.transfer'"/></xsl:call-template></h2>
      <form method="post" action="/school/roster/{@teacher-year}/transfer">
        <xsl:call-template name="csrf"/>
        <p><select name="school">
          <xsl:for-each select="schools/school"><option value="{@id}"><xsl:value-of select="."/></option></xsl:for-each>
        </select></p>
        <p><label for="note"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.note'"/></xsl:call-template></label><br/>
          <input id="note" name="note"/></p>
        <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.transfer'"/></xsl:call-template></button></p>
      </form>
      <h2><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.leave'"/></xsl:call-template></h2>
      <form method="post" action="/school/roster/{@teacher-year}/deactivate">
        <xsl:call-template name="csrf"/>
        <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.deactivate'"/></xsl:call-template></button></p>
      </form>
      <form method="post" action="/school/roster/{@teacher-year}/reactivate">
        <xsl:call-template name="csrf"/>
        <p><button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'roster.reactivate'"/></xsl:call-template></button></p>
      </form>
    </xsl:if>
    <p><a href="/school/roster"><xsl:call-template name="s"><xsl:with-param name="k" select="'import.back'"/></xsl:call-template></a></p>
  </xsl:template>
</xsl:stylesheet>
